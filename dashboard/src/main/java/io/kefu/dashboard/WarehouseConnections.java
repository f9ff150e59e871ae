package io.kefu.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which published warehouse does this request read? The batch jobs write a new warehouse to a
 * temporary file and rename it over the old one; that rename is atomic, so the path always names
 * either the old complete file or the new complete one, never a half-written one.
 *
 * <p>This class opens the file read-only (the dashboard must never hold a write lock the jobs need,
 * and can never change published data) and hands out one connection per request. Before each
 * request it compares the file's identity (inode, modification time, size) with the one it has
 * open; when the file was replaced it opens the new one, and the old one is closed as soon as the
 * last request still reading it finishes. So a request sees one file from start to end, and the
 * next request sees the latest publish, without a restart.
 *
 * <p>DuckDB's JDBC driver shares one database instance per path by default, which would keep
 * serving the replaced file while any connection to it is open; {@code jdbc_instance_cache=false}
 * gives every opened file its own instance.
 */
public final class WarehouseConnections implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WarehouseConnections.class);

  /** What identifies one published file: a rename brings a new inode, a rewrite a new mtime. */
  record Identity(Object fileKey, FileTime modified, long size) {

    /** The identity of the file now, or empty when nothing is published at the path. */
    static Optional<Identity> of(Path file) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (!a.isRegularFile()) {
          return Optional.empty();
        }
        return Optional.of(new Identity(a.fileKey(), a.lastModifiedTime(), a.size()));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the attributes of " + file + ": " + e, e);
      }
    }
  }

  /** One opened file and the requests still reading it. */
  private static final class Generation {
    final Identity identity;
    final DuckDBConnection root;
    int leases;
    boolean retired;

    Generation(Identity identity, DuckDBConnection root) {
      this.identity = identity;
      this.root = root;
    }
  }

  /** Work done on the warehouse within one request. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T apply(Connection c) throws SQLException;
  }

  private final Path file;
  private Generation current;
  private int opens;
  private boolean closed;

  public WarehouseConnections(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  public Path file() {
    return file;
  }

  /** When the current file was published (its modification time), or empty when none is. */
  public Optional<Instant> publishedAt() {
    return Identity.of(file).map(i -> i.modified().toInstant());
  }

  /**
   * Runs work on a read-only connection to the latest published file; empty when nothing is
   * published yet. The connection must not escape the work.
   */
  public <T> Optional<T> read(SqlWork<T> work) throws SQLException {
    Lease lease = acquire();
    if (lease == null) {
      return Optional.empty();
    }
    try (lease) {
      return Optional.of(work.apply(lease.connection));
    }
  }

  /** How many times a file was opened: once at first use, then once per re-publish seen. */
  synchronized int opens() {
    return opens;
  }

  /** Whether a replaced file is still open because a request is still reading it. */
  synchronized boolean holdsCurrent() {
    return current != null;
  }

  private synchronized Lease acquire() throws SQLException {
    if (closed) {
      throw new IllegalStateException("warehouse connections are closed");
    }
    Optional<Identity> now = Identity.of(file);
    if (now.isEmpty()) {
      retire(current);
      current = null;
      return null;
    }
    if (current == null || !current.identity.equals(now.get())) {
      retire(current);
      current = null;
      current = new Generation(now.get(), openReadOnly());
      opens++;
      LOG.info("warehouse {} opened read-only (publish {} of this process)", file, opens);
    }
    Connection c = current.root.duplicate();
    current.leases++;
    return new Lease(current, c);
  }

  private DuckDBConnection openReadOnly() throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    p.setProperty("jdbc_instance_cache", "false");
    return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, p);
  }

  private synchronized void release(Generation g) {
    g.leases--;
    if (g.retired && g.leases == 0) {
      closeQuietly(g);
    }
  }

  /** Stops handing out g; closes it now if no request is reading it, else at the last release. */
  private void retire(Generation g) {
    if (g == null || g.retired) {
      return;
    }
    g.retired = true;
    if (g.leases == 0) {
      closeQuietly(g);
    }
  }

  private static void closeQuietly(Generation g) {
    try {
      g.root.close();
    } catch (SQLException e) {
      LOG.warn("closing a replaced warehouse: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    retire(current);
    current = null;
  }

  /** One request's connection to one published file. */
  private final class Lease implements AutoCloseable {
    private final Generation generation;
    private final Connection connection;
    private boolean released;

    Lease(Generation generation, Connection connection) {
      this.generation = Objects.requireNonNull(generation);
      this.connection = connection;
    }

    @Override
    public void close() throws SQLException {
      if (released) {
        return;
      }
      released = true;
      try {
        connection.close();
      } finally {
        release(generation);
      }
    }
  }
}
