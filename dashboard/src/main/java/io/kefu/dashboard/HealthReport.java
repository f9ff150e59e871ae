package io.kefu.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What the data-health page shows, read from one published warehouse in one request: the latest
 * runs, the rejects of the chosen run by reason, and the first rejected lines of the chosen reason.
 *
 * @param missingTables ingest tables the warehouse does not have yet (then nothing else is read)
 * @param run the chosen run: the one asked for, else the latest; null when there is none
 * @param runAskedForMissing a run id was asked for that the warehouse does not have
 */
public record HealthReport(
    List<String> missingTables,
    List<WarehouseRepository.IngestRun> runs,
    WarehouseRepository.IngestRun run,
    boolean runAskedForMissing,
    List<WarehouseRepository.ReasonCount> reasons,
    String reason,
    List<WarehouseRepository.RejectLine> lines) {

  /** The runs listed; older ones are there for analysts in the warehouse itself. */
  public static final int RUNS_SHOWN = 50;

  /** Enough lines to see what is wrong with a reason; the rest are alike. */
  public static final int LINES_SHOWN = 50;

  public static HealthReport load(
      WarehouseRepository repo, Connection c, String runId, String reason) throws SQLException {
    List<String> missing =
        repo.missingTables(
            c, List.of(WarehouseRepository.RUN_TABLE, WarehouseRepository.REJECT_TABLE));
    if (!missing.isEmpty()) {
      return new HealthReport(missing, List.of(), null, false, List.of(), null, List.of());
    }
    List<WarehouseRepository.IngestRun> runs = repo.runs(c, RUNS_SHOWN);
    WarehouseRepository.IngestRun run = null;
    boolean askedMissing = false;
    if (runId != null && !runId.isBlank()) {
      run = runs.stream().filter(r -> runId.equals(r.runId())).findFirst().orElse(null);
      if (run == null) {
        // An older run than the list shows is still a valid question.
        run =
            repo.runs(c, Integer.MAX_VALUE).stream()
                .filter(r -> runId.equals(r.runId()))
                .findFirst()
                .orElse(null);
        askedMissing = run == null;
      }
    } else if (!runs.isEmpty()) {
      run = runs.get(0);
    }
    if (run == null) {
      return new HealthReport(List.of(), runs, null, askedMissing, List.of(), null, List.of());
    }
    List<WarehouseRepository.ReasonCount> reasons = repo.rejectsByReason(c, run.runId());
    String chosen = reason;
    if ((chosen == null || chosen.isBlank()) && !reasons.isEmpty()) {
      chosen = reasons.get(0).reason();
    }
    List<WarehouseRepository.RejectLine> lines =
        chosen == null ? List.of() : repo.rejectedLines(c, run.runId(), chosen, LINES_SHOWN);
    return new HealthReport(List.of(), runs, run, false, reasons, chosen, lines);
  }
}
