package io.kefu.dashboard.report;

import io.kefu.dashboard.WarehouseConnections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the weekly reports without anyone asking: when a batch run has been published that covers a
 * finished ISO week (Monday to Sunday all ingested), the dashboard writes that week's reports into
 * its reports folder (beside the warehouse: {@code <warehouse dir>/reports/2026-W45/}).
 *
 * <p>Why the dashboard and not the batch job: the batch job's contract is one atomic publish of the
 * warehouse, and it runs on a cluster without the fonts and chart code; the dashboard already
 * notices every publish, already has the charts and fonts, and is the one that serves the files
 * (checking who may download which). A week is (re)generated when its folder has no manifest or the
 * manifest names another batch run than the newest one that covers the week — so late orders and
 * refunds reach the reports with the next batch, and an unchanged warehouse costs one query per
 * check. One background thread, checking every minute; a failure is logged and retried at the next
 * check.
 */
public final class ReportScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

  private final WarehouseConnections warehouse;
  private final ReportGenerator generator;
  private final Path reportsDir;
  private final ScheduledExecutorService executor;

  public ReportScheduler(
      WarehouseConnections warehouse, ReportGenerator generator, Path reportsDir) {
    this.warehouse = warehouse;
    this.generator = generator;
    this.reportsDir = reportsDir;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kefu-weekly-reports");
              t.setDaemon(true);
              t.setPriority(Thread.MIN_PRIORITY);
              return t;
            });
  }

  /** The reports folder of a warehouse: {@code reports/} beside it. */
  public static Path defaultDir(Path warehouseFile) {
    return warehouseFile.toAbsolutePath().getParent().resolve("reports");
  }

  public ReportScheduler start(Duration firstDelay, Duration interval) {
    executor.scheduleWithFixedDelay(
        this::checkQuietly, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void checkQuietly() {
    try {
      List<IsoWeek> made = check();
      if (!made.isEmpty()) {
        LOG.info("weekly reports written for {} into {}", made, reportsDir);
      }
    } catch (Exception e) {
      LOG.warn("weekly reports could not be written (retried at the next check): {}", e.toString());
    }
  }

  /**
   * The weeks whose reports are missing or older than the newest batch run covering them, generated
   * now; returns them.
   */
  public List<IsoWeek> check() throws Exception {
    Optional<List<Due>> due =
        warehouse.read(
            c -> {
              ReportRepository repo = generator.repository();
              Optional<ReportRepository.Run> run = repo.latestRun(c);
              Optional<java.time.LocalDate> last = repo.lastIngestedDay(c);
              List<Due> out = new ArrayList<>();
              if (run.isEmpty() || last.isEmpty() || run.get().from() == null) {
                return out;
              }
              for (IsoWeek w = IsoWeek.of(run.get().from());
                  !w.monday().isAfter(run.get().to());
                  w = w.plus(1)) {
                if (w.sunday().isAfter(last.get())) {
                  continue; // not finished: its reports are made once its Sunday is ingested
                }
                Optional<ReportGenerator.Manifest> m =
                    ReportGenerator.readManifest(reportsDir.resolve(w.label()));
                if (m.isEmpty() || !run.get().runId().equals(m.get().runId())) {
                  out.add(new Due(w));
                }
              }
              return out;
            });
    List<IsoWeek> made = new ArrayList<>();
    for (Due d : due.orElse(List.of())) {
      generator.generate(warehouse, d.week(), null, null, reportsDir);
      made.add(d.week());
    }
    return made;
  }

  private record Due(IsoWeek week) {}

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
