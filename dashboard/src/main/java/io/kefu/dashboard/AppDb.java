package io.kefu.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/**
 * The dashboard's own database, {@code app.duckdb}: users, sessions, login throttling, audit log
 * and (later) reviewer decisions. Data people create in the dashboard must survive restarts and
 * warehouse re-publishes, so it lives here and not in the warehouse.
 *
 * <p>DuckDB allows one read-write process per file. The dashboard is that process: it holds this
 * file open read-write for its whole life, and a second process (a second dashboard, or {@link
 * UserCommand} while the dashboard runs) gets a clear {@link InUseException}. Inside the process,
 * each call gets its own connection (a DuckDB connection is not shared between threads), and writes
 * are serialized so two requests touching the same row never fail with a transaction conflict.
 */
public final class AppDb implements AutoCloseable {

  /** Another process holds the file: the one-writer rule at work. */
  public static final class InUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InUseException(Path file, SQLException cause) {
      super(
          "the app database "
              + file
              + " is open in another process (a running dashboard?). Only one process may write"
              + " it: stop that process first, or manage users in the dashboard's /admin/users. ("
              + cause.getMessage()
              + ")",
          cause);
    }
  }

  /** Work done on one connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T apply(Connection c) throws SQLException;
  }

  private final Path file;
  private final DuckDBConnection root;
  private final ReentrantLock writeLock = new ReentrantLock();

  private AppDb(Path file, DuckDBConnection root) {
    this.file = file;
    this.root = root;
  }

  /** Opens (creating if needed) the file read-write. */
  public static AppDb open(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    try {
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the folder of " + abs + ": " + e, e);
    }
    try {
      DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + abs);
      return new AppDb(abs, c);
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("Could not set lock")) {
        throw new InUseException(abs, e);
      }
      throw new IllegalStateException("cannot open the app database " + abs + ": " + e, e);
    }
  }

  public Path file() {
    return file;
  }

  /** Runs read-only work on a fresh connection. */
  public <T> T read(SqlWork<T> work) {
    try (Connection c = root.duplicate()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new IllegalStateException("app database: " + e.getMessage(), e);
    }
  }

  /** Runs work in one transaction, one writer at a time; rolls back if it throws. */
  public <T> T write(SqlWork<T> work) {
    writeLock.lock();
    try (Connection c = root.duplicate()) {
      c.setAutoCommit(false);
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("app database: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      root.close();
    } catch (SQLException e) {
      throw new IllegalStateException("closing " + file + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }
}
