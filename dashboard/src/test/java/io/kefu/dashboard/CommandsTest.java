package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServeCommand and UserCommand: arguments, exit codes, messages. */
class CommandsTest {

  @TempDir Path dir;

  final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  int user(String stdin, String... args) {
    return UserCommand.run(args, null, new BufferedReader(new StringReader(stdin)), out, err);
  }

  @Test
  void shouldCreateTheFirstAdminFromStandardInput() {
    String db = dir.resolve("app.duckdb").toString();
    assertEquals(
        0, user("correct horse battery\n", "create-admin", "--app-db", db, "--username", "Boss"));
    assertTrue(out().contains("Created admin 'boss'"), out());
    assertEquals(
        1, user("another password 1\n", "create-admin", "--app-db", db, "--username", "boss"));
    assertTrue(err().contains("The username boss exists"), err());
    assertEquals(1, user("short\n", "create-admin", "--app-db", db, "--username", "li"));
    assertTrue(err().contains("Too short"), err());
    assertEquals(1, user("", "create-admin", "--app-db", db, "--username", "li"));
    assertTrue(err().contains("no password given"), err());
  }

  @Test
  void shouldSetAPasswordForAnExistingUserOnly() {
    String db = dir.resolve("app.duckdb").toString();
    user("correct horse battery\n", "create-admin", "--app-db", db, "--username", "boss");
    assertEquals(
        0, user("a new long password\n", "set-password", "--app-db", db, "--username", "boss"));
    assertEquals(
        1, user("a new long password\n", "set-password", "--app-db", db, "--username", "ghost"));
    assertTrue(err().contains("No such user"), err());
  }

  @Test
  void shouldExitTwoOnBadUserCommandArguments() {
    assertEquals(2, user(""));
    assertEquals(2, user("", "make-admin"));
    assertEquals(2, user("", "create-admin", "--username", "boss"));
    assertTrue(err().contains("--app-db FILE is required"), err());
    assertEquals(2, user("", "create-admin", "--app-db"));
    assertEquals(0, user("", "--help"));
    assertTrue(out().contains("create-admin"));
  }

  @Test
  void shouldExitTwoOnBadServeArguments() {
    assertEquals(2, ServeCommand.start(new String[] {}, out, err).exitCode());
    assertTrue(err().contains("--warehouse FILE is required"), err());
    String wh = dir.resolve("kefu.duckdb").toString();
    assertEquals(
        2,
        ServeCommand.start(new String[] {"--warehouse", wh, "--port", "http"}, out, err)
            .exitCode());
    assertTrue(err().contains("--port must be a whole number"), err());
    assertEquals(
        2,
        ServeCommand.start(new String[] {"--warehouse", wh, "--app-db", wh}, out, err).exitCode());
    assertEquals(
        2, ServeCommand.start(new String[] {"--warehouse", wh, "--verbose"}, out, err).exitCode());
    assertEquals(
        2, ServeCommand.start(new String[] {"--warehouse", dir.toString()}, out, err).exitCode());
    ServeCommand.Started help = ServeCommand.start(new String[] {"--help"}, out, err);
    assertEquals(0, help.exitCode());
    assertNull(help.app());
    assertTrue(out().contains("--init-admin-password-file"));
  }

  @Test
  void shouldRefuseToServeWithNoUsersUnlessAskedToCreateTheFirstAdmin() throws Exception {
    String wh = dir.resolve("kefu.duckdb").toString();
    ServeCommand.Started none =
        ServeCommand.start(new String[] {"--warehouse", wh, "--port", "0"}, out, err);
    assertEquals(1, none.exitCode());
    assertTrue(err().contains("UserCommand create-admin"), err());

    Path pw = dir.resolve("admin-password");
    Files.writeString(pw, "correct horse battery\n");
    ServeCommand.Started s =
        ServeCommand.start(
            new String[] {
              "--warehouse", wh, "--port", "0", "--init-admin-password-file", pw.toString()
            },
            out,
            err);
    assertNotNull(s.app(), err());
    try {
      assertTrue(out().contains("http://127.0.0.1:" + s.app().port() + "/"), out());
      assertTrue(out().contains("not published yet"));
      assertTrue(Files.exists(dir.resolve("app.duckdb")), "default: next to the warehouse");
      HttpResponse<String> login =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + s.app().port() + "/login"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, login.statusCode());
    } finally {
      s.app().close();
    }
  }
}
