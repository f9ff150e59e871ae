package io.kefu.dashboard;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates the first admin, or sets a password when every admin is locked out: the two things that
 * cannot be done in the dashboard itself. Run it while the dashboard is stopped (it writes {@code
 * app.duckdb}, and only one process may).
 *
 * <pre>
 * create-admin --app-db FILE --username NAME    a new admin
 * set-password --app-db FILE --username NAME    a new password for an existing user; ends
 *                                               their sessions and lifts a lock-out
 * </pre>
 *
 * The password is read from the terminal without echo (asked twice), or as the first line of
 * standard input when that is not a terminal. Exit codes: 0 done, 1 refused (user exists, weak
 * password, database in use), 2 bad arguments.
 */
public final class UserCommand {

  static final String USAGE =
      """
      Usage: java -cp kefu-dashboard-app.jar io.kefu.dashboard.UserCommand COMMAND \\
                  --app-db FILE --username NAME

      Commands:
        create-admin   create an admin account (the first one, typically)
        set-password   set a new password for an existing user; ends their sessions and lifts
                       a lock-out (for an admin who cannot sign in)

      The password is read from the terminal without echo, or from the first line of standard
      input when it is not a terminal. Run with the dashboard stopped: only one process may write
      the app database.

      Exit codes: 0 done, 1 refused, 2 bad arguments.
      """;

  private UserCommand() {}

  public static void main(String[] args) {
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.exit(run(args, System.console(), stdin, System.out, System.err));
  }

  static int run(
      String[] args, Console console, BufferedReader stdin, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      return usage(err, "a command is required");
    }
    String command = args[0];
    if (command.equals("-h") || command.equals("--help")) {
      out.print(USAGE);
      return 0;
    }
    if (!command.equals("create-admin") && !command.equals("set-password")) {
      return usage(err, "unknown command '" + command + "'");
    }
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        out.print(USAGE);
        return 0;
      }
      if (!a.equals("--app-db") && !a.equals("--username")) {
        return usage(err, "unknown option '" + a + "'");
      }
      if (i + 1 >= args.length || args[i + 1].isBlank()) {
        return usage(err, a + " needs a value");
      }
      o.put(a, args[++i]);
    }
    if (!o.containsKey("--app-db")) {
      return usage(err, "--app-db FILE is required");
    }
    if (!o.containsKey("--username")) {
      return usage(err, "--username NAME is required");
    }
    String username = AuthService.normalize(o.get("--username"));

    String password;
    try {
      password = readPassword(console, stdin);
    } catch (IOException | IllegalStateException e) {
      err.println("kefu user: " + e.getMessage());
      return 1;
    }
    if (password == null) {
      err.println("kefu user: no password given (empty standard input?)");
      return 1;
    }

    try (AppDb db = AppDb.open(Path.of(o.get("--app-db")))) {
      AppRepository repo = new AppRepository(db);
      UserService users = new UserService(repo, new PasswordHasher(), Clock.systemUTC());
      if (command.equals("create-admin")) {
        users.create(AuditEntry.SYSTEM, username, Role.ADMIN.wire(), null, password, "local");
        out.println("Created admin '" + username + "' in " + db.file() + ".");
      } else {
        User u =
            repo.findByUsername(username)
                .map(AppRepository.StoredUser::user)
                .orElseThrow(() -> new InputProblem("users.not_found"));
        users.resetPassword(AuditEntry.SYSTEM, u.id(), password, "local");
        out.println("Set a new password for '" + username + "'; their sessions are ended.");
      }
      return 0;
    } catch (InputProblem p) {
      err.println("kefu user: " + explain(p));
      return 1;
    } catch (AppDb.InUseException e) {
      err.println("kefu user: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("kefu user: " + e.getMessage());
      return 1;
    }
  }

  /** The problem in English, for the terminal. */
  static String explain(InputProblem p) {
    return new Messages().text(Lang.EN).format(p.key(), p.args());
  }

  private static String readPassword(Console console, BufferedReader stdin) throws IOException {
    if (console != null) {
      char[] first =
          console.readPassword("Password (at least %d characters): ", PasswordHasher.MIN_LENGTH);
      char[] again = console.readPassword("Same password again: ");
      if (first == null || again == null) {
        return null;
      }
      try {
        if (!Arrays.equals(first, again)) {
          throw new IllegalStateException("the two passwords differ");
        }
        return new String(first);
      } finally {
        Arrays.fill(first, ' ');
        Arrays.fill(again, ' ');
      }
    }
    String line = stdin.readLine();
    return line == null || line.isEmpty() ? null : line;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("kefu user: " + problem);
    err.println("Run with --help for the usage.");
    return 2;
  }
}
