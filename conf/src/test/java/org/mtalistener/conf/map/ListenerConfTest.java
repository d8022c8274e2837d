package org.mtalistener.conf.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

/** The command line as a user runs it: arguments in, exit status and the two streams out. */
class ListenerConfTest {

    private static final String CONF = """
            ESMTP_Listener {
              Idle_Time = 120
              Pool_Name = accept
              Peer "127.0.0.0/8" { Max_Message_Size = 1000 }
              Listen "127.0.0.1:2525" {
                Idle_Time = 60
                Peer "127.0.0.2" { Max_Message_Size = 2000 }
              }
              Listen "127.0.0.1:2526" { Enable = false }
            }
            ECStream_Listener { Listen "127.0.0.1:1825" { } }
            """;

    private static final String POOL_NAME_NOTE = "note: Pool_Name is ignored: threads come from the container's JCA "
            + "WorkManager (give the adapter its own pool there); Concurrency sizes the event loops";

    @TempDir
    Path dir;
    private Path conf;

    /** What one run printed and returned. */
    record Run(int status, List<String> out, List<String> err) {
    }

    @BeforeEach
    void writeTheConf() throws IOException {
        conf = Files.writeString(dir.resolve("ecelerity.conf"), CONF);
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = new ListenerConf(o, e).run(args);
        }
        return new Run(status, lines(out), lines(err));
    }

    private static List<String> lines(ByteArrayOutputStream stream) {
        String text = stream.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }

    @Test
    void checkSaysOkOnOneLineAndTheNoticesOnStandardError() {
        Run run = run("check", conf.toString());
        assertEquals(0, run.status());
        assertEquals(List.of(conf + ": OK, 2 listeners, 3 Listens (ESMTP_Listener 127.0.0.1:2525, ESMTP_Listener "
                + "127.0.0.1:2526 disabled, ECStream_Listener 127.0.0.1:1825), 1 notice"), run.out());
        assertEquals(List.of(POOL_NAME_NOTE), run.err());
    }

    @Test
    void checkOfTheDefaultConf() {
        Run run = run("check", "ecelerity.conf");
        assertEquals(new Run(0, List.of("ecelerity.conf: OK, 5 listeners, 5 Listens (ESMTP_Listener 127.0.0.1:2525, "
                + "ECStream_Listener 127.0.0.1:1825, QMQP_Listener 127.0.0.1:6280, Control_Listener /tmp/2025, "
                + "HTTP_Listener 127.0.0.1:2081), "
                + "0 notices"), List.of()), run);
    }

    @Test
    void aConfWithErrorsExitsWithOneAndNamesLineAndColumnOnStandardError() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.conf"), """
                ESMTP_Listener {
                  Max_Mesage_Size = 10
                  Listen ":25" { Max_Message_Size = 10MB }
                }
                """);
        List<String> expected = List.of(
                bad + ":2:3: unknown option \"Max_Mesage_Size\": did you mean Max_Message_Size?",
                bad + ":3:37: Max_Message_Size: \"10MB\" is not a byte count (use 10485760)");
        for (String command : List.of("check", "show", "map")) {
            Run run = command.equals("map")
                    ? run("map", bad.toString(), "--mdb-class", "a.B", "--out", dir.resolve("out").toString())
                    : run(command, bad.toString());
            assertEquals(new Run(1, List.of(), expected), run, command);
        }
        assertFalse(Files.exists(dir.resolve("out")), "map wrote nothing");
    }

    @Test
    void aMissingFileExitsWithOne() {
        Path missing = dir.resolve("missing.conf");
        Run run = run("check", missing.toString());
        assertEquals(1, run.status());
        assertEquals(List.of(), run.out());
        assertEquals(1, run.err().size());
        assertTrue(run.err().get(0).startsWith(missing + ":1:1: cannot read the file"), run.err().toString());
    }

    /** Mistakes the argument parser sees come with the usage; those found against the file, without. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                                | true  | listenerconf: no command
            frob CONF                         | true  | listenerconf: expected check, show or map, got frob
            check                             | true  | listenerconf: check needs a FILE
            check CONF --peer 127.0.0.2       | true  | listenerconf: check takes no option --peer
            show CONF --peer                  | true  | listenerconf: --peer needs a value
            show CONF --mdb-class a.B         | true  | listenerconf: show takes no option --mdb-class
            map CONF --out OUT                | false | listenerconf: map needs --mdb-class CLASS and --out DIR
            map CONF --mdb-class a.B          | false | listenerconf: map needs --mdb-class CLASS and --out DIR
            map CONF --mdb-interface Batch    | true  | listenerconf: --mdb-interface Batch: expected MailListener or BatchMailListener, the interface the --mdb-class implements
            show CONF --peer mail.example.com | false | listenerconf: --peer mail.example.com: expected an IP address, e.g. 127.0.0.2
            show CONF --listen 127.0.0.1:9    | false | listenerconf: no Listen 127.0.0.1:9 in CONF
            show CONF --listen 127.0.0.1      | false | listenerconf: "127.0.0.1" is not a listen address: expected IPV4:PORT, [IPV6]:PORT, *:PORT, [*]:PORT or a Unix socket path starting with /
            """)
    void aWrongCommandLineExitsWithTwoAndSaysWhy(String args, boolean usage, String message) {
        String[] argv = args.isEmpty() ? new String[0]
                : args.replace("CONF", conf.toString()).replace("OUT", dir.resolve("out").toString()).split(" ");
        Run run = run(argv);
        assertEquals(2, run.status());
        assertEquals(List.of(), run.out());
        List<String> expected = new ArrayList<>(List.of(message.replace("CONF", conf.toString())));
        if (usage) {
            expected.addAll(List.of(ListenerConf.USAGE.split("\\R")));
        }
        assertEquals(expected, run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void showForAClientGivesThePeersValueAndWhereItComesFrom() {
        Run run = run("show", conf.toString(), "--peer", "127.0.0.2", "--listen", "127.0.0.1:2525");
        assertEquals(0, run.status());
        assertEquals("ESMTP_Listener 127.0.0.1:2525 for a client at 127.0.0.2", run.out().get(0));
        assertEquals(1, run.out().stream().filter(line -> !line.startsWith("  ")).count(), "one Listen shown");
        assertShows(run, "Max_Message_Size", "2000",
                "Listen \"127.0.0.1:2525\" Peer \"127.0.0.2/32\" (" + conf + ":7:24), supported");
        assertShows(run, "Idle_Time", "60", "Listen \"127.0.0.1:2525\" (" + conf + ":6:5), supported");
        assertShows(run, "Pool_Name", "accept", "ESMTP_Listener (" + conf + ":3:3), ignored");
        assertShows(run, "Listen_Backlog", "500", "default, supported");
        assertEquals(List.of(), run.err(), "show has no notes: its sources say it all");

        // a client of the listener's Peer only; and the same Listen named in another spelling
        Run other = run("show", conf.toString(), "--peer", "127.0.0.3", "--listen", "[::ffff:127.0.0.1]:2525");
        assertShows(other, "Max_Message_Size", "1000", "ESMTP_Listener Peer \"127.0.0.0/8\" (" + conf + ":4:24), "
                + "supported");
        // no client: no Peer applies
        Run none = run("show", conf.toString(), "--listen", "127.0.0.1:2525");
        assertEquals("ESMTP_Listener 127.0.0.1:2525", none.out().get(0));
        assertShows(none, "Max_Message_Size", "52428800", "default, supported");
    }

    @Test
    void showWithoutListenGivesEveryListenDisabledOnesSaidSo() {
        Run run = run("show", conf.toString());
        assertEquals(0, run.status());
        assertEquals(List.of("ESMTP_Listener 127.0.0.1:2525", "ESMTP_Listener 127.0.0.1:2526 (disabled)",
                "ECStream_Listener 127.0.0.1:1825"), run.out().stream().filter(l -> !l.startsWith("  ")).toList());
        // an ECStream Listen lists the options of its own listener only
        List<String> ecstream = run.out().subList(run.out().indexOf("ECStream_Listener 127.0.0.1:1825"),
                run.out().size());
        assertTrue(ecstream.stream().anyMatch(l -> l.startsWith("  ECStream_Idle_Time ")));
        assertFalse(ecstream.stream().anyMatch(l -> l.startsWith("  Max_Message_Size ")));
    }

    private static void assertShows(Run run, String option, String value, String source) {
        Pattern line = Pattern.compile("  " + Pattern.quote(option) + " +" + "= " + Pattern.quote(value) + " +# "
                + Pattern.quote(source));
        assertEquals(1, run.out().stream().filter(l -> line.matcher(l).matches()).count(),
                option + " = " + value + " # " + source + " in\n" + String.join("\n", run.out()));
    }

    @Test
    void mapWritesTheThreeDescriptors() throws Exception {
        Path out = dir.resolve("META-INF");
        Run run = run("map", conf.toString(), "--mdb-class", "com.example.InboundMail", "--out", out.toString(),
                "--payara-ra", "my-ra", "--wildfly-ra", "my.ear#my.rar");
        assertEquals(0, run.status(), run.err().toString());
        assertEquals(List.of(conf + ": 2 MDB activations (InboundMail-ESMTP_Listener-127.0.0.1-2525, "
                + "InboundMail-ECStream_Listener-127.0.0.1-1825) in "
                + out.resolve("ejb-jar.xml") + ", " + out.resolve("glassfish-ejb-jar.xml") + ", "
                + out.resolve("jboss-ejb3.xml")), run.out());
        assertEquals(List.of("note: ESMTP_Listener 127.0.0.1:2526: Enable = false, no MDB written",
                POOL_NAME_NOTE), run.err());

        List<String> names = new ArrayList<>();
        try (var files = Files.list(out)) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        assertEquals(List.of("ejb-jar.xml", "glassfish-ejb-jar.xml", "jboss-ejb3.xml"), names.stream().sorted()
                .toList());
        Document ejbJar = Mapped.parse(Files.readString(out.resolve("ejb-jar.xml")));
        assertEquals("InboundMail-ESMTP_Listener-127.0.0.1-2525",
                ejbJar.getElementsByTagNameNS("*", "ejb-name").item(0).getTextContent());
        assertTrue(Files.readString(out.resolve("ejb-jar.xml")).contains("<activation-config-property-value>"
                + "Peer &quot;127.0.0.2/32&quot; { Max_Message_Size = 2000 }</activation-config-property-value>"));
        assertEquals("my-ra", Mapped.parse(Files.readString(out.resolve("glassfish-ejb-jar.xml")))
                .getElementsByTagName("resource-adapter-mid").item(0).getTextContent());
        assertEquals("my.ear#my.rar", Mapped.parse(Files.readString(out.resolve("jboss-ejb3.xml")))
                .getElementsByTagNameNS("urn:resource-adapter-binding", "resource-adapter-name").item(0)
                .getTextContent());
    }

    @Test
    void aBatchMdbIsWrittenWithItsOwnMessagingType() throws Exception {
        Path out = dir.resolve("META-INF");
        Run run = run("map", conf.toString(), "--mdb-class", "com.example.InboundMail", "--mdb-interface",
                "BatchMailListener", "--out", out.toString());
        assertEquals(0, run.status(), run.err().toString());
        Document ejbJar = Mapped.parse(Files.readString(out.resolve("ejb-jar.xml")));
        for (int i = 0; i < 2; i++) {
            assertEquals(Activations.BATCH_MAIL_LISTENER,
                    ejbJar.getElementsByTagNameNS("*", "messaging-type").item(i).getTextContent());
        }
    }

    /** Seed 004's Control_Listener, as written (Momentum 2.x), and Momentum 4's roles. */
    private static final String CONSOLE = """
            Control_Listener = (
              /tmp/2025
              *:2025 <proto=ipv4> [
                0.0.0.0/0    = (
                  DIGEST-MD5 [
                    uri = digest:///opt/ecelerity/etc/console_passwd ]
                )
              ]
            )
            Authorization {
              Role "root"  { allow = ( ".*" ) }
              Role "admin" { allow = ( "^config" "^summary$" ) }
            }
            """;

    @Test
    void theSeedsControlListenerMapsAsWrittenFromFileToDescriptors() throws Exception {
        Path console = Files.writeString(dir.resolve("console.conf"), CONSOLE);
        Path out = dir.resolve("META-INF");
        Run run = run("map", console.toString(), "--mdb-class", "com.example.InboundMail", "--control-class",
                "com.example.Console", "--out", out.toString());
        assertEquals(0, run.status(), run.err().toString());
        assertEquals(List.of(console + ": 2 MDB activations (Console-Control_Listener-tmp-2025, "
                + "Console-Control_Listener-2025) in " + out.resolve("ejb-jar.xml") + ", "
                + out.resolve("glassfish-ejb-jar.xml") + ", " + out.resolve("jboss-ejb3.xml")), run.out());
        assertEquals(List.of(), run.err()); // <proto=ipv4> on *:2025 is what the address says already

        Document ejbJar = Mapped.parse(Files.readString(out.resolve("ejb-jar.xml")));
        List<org.w3c.dom.Element> beans = DescriptorsTest.elements(ejbJar.getDocumentElement(), "message-driven");
        assertEquals(2, beans.size());
        String roles = "Role \"root\" { allow = ( \".*\" ) } Role \"admin\" { allow = ( \"^config\" \"^summary$\" ) }";
        assertEquals(List.of("listenerType=Control_Listener", "listen=/tmp/2025", "alwaysAllow=false",
                "alwaysDeny=false", "concurrency=0", "disableNagleAlgorithm=true", "fileMode=0660", "listenBacklog=500",
                "listenerSessions=1000", "maxSessionsPerClient=50", "proxyProtocol=false", "proxyProtocolTimeout=60",
                "rejectConnections=false", "tcpRecvBufferSize=0",
                "tcpSendBufferSize=0", "timeout=60", "authorizationRoles=" + roles,
                "confFile=" + console.toAbsolutePath()), properties(beans.get(0)));
        assertEquals(List.of("listenerType=Control_Listener", "listen=*:2025", "alwaysAllow=false",
                "alwaysDeny=false", "concurrency=0", "disableNagleAlgorithm=true", "fileMode=0660", "listenBacklog=500",
                "listenerSessions=1000", "maxSessionsPerClient=50", "proxyProtocol=false", "proxyProtocolTimeout=60",
                "rejectConnections=false", "tcpRecvBufferSize=0",
                "tcpSendBufferSize=0", "timeout=60", "listenPeers=Peer \"0.0.0.0/0\" { AuthDigestMD5Parameters = "
                        + "[ uri = \"digest:///opt/ecelerity/etc/console_passwd\" ] }",
                "authorizationRoles=" + roles, "confFile=" + console.toAbsolutePath()), properties(beans.get(1)));
        for (org.w3c.dom.Element bean : beans) {
            assertEquals("com.example.Console", DescriptorsTest.text(bean, "ejb-class"));
            assertEquals("org.mtalistener.api.ControlListener", DescriptorsTest.text(bean, "messaging-type"));
        }
        assertTrue(Files.readString(out.resolve("ejb-jar.xml")).contains("<trans-attribute>NotSupported"));
        assertTrue(Files.readString(out.resolve("glassfish-ejb-jar.xml")).contains("<max-pool-size>4<"));

        Run without = run("map", console.toString(), "--mdb-class", "a.B", "--out", dir.resolve("x").toString());
        assertEquals(new Run(2, List.of(), List.of("listenerconf: " + console + " has a Control_Listener "
                + "(Control_Listener /tmp/2025 at " + console + ":2:3): pass --control-class CLASS, the console's MDB "
                + "class, which implements org.mtalistener.api.ControlListener (return null from onCommand to add no "
                + "commands)")), without);
        assertFalse(Files.exists(dir.resolve("x")), "map wrote nothing");
    }

    @Test
    void showPrintsTheConsolesListensLikeTheOthers() throws IOException {
        Path console = Files.writeString(dir.resolve("console.conf"), CONSOLE);
        Run run = run("show", console.toString(), "--listen", "*:2025", "--peer", "10.0.0.1");
        assertEquals(0, run.status(), run.err().toString());
        assertEquals("Control_Listener *:2025 for a client at 10.0.0.1", run.out().get(0));
        assertShows(run, "Timeout", "60", "default, supported");
        assertShows(run, "AuthDigestMD5Parameters", "[ uri = \"digest:///opt/ecelerity/etc/console_passwd\" ]",
                "Listen \"*:2025\" Peer \"0.0.0.0/0\" (" + console + ":5:7), supported");
    }

    private static List<String> properties(org.w3c.dom.Element bean) {
        List<String> properties = new ArrayList<>();
        for (org.w3c.dom.Element property : DescriptorsTest.elements(bean, "activation-config-property")) {
            properties.add(DescriptorsTest.text(property, "activation-config-property-name") + "="
                    + DescriptorsTest.text(property, "activation-config-property-value"));
        }
        return properties;
    }

    @Test
    void mapTellsWhenTheOutputCannotBeWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "");
        Run run = run("map", conf.toString(), "--mdb-class", "a.B", "--out", file.toString());
        assertEquals(1, run.status());
        assertEquals(List.of(), run.out());
        assertTrue(run.err().get(0).startsWith("listenerconf: cannot write the descriptors: "), run.err().toString());
    }
}
