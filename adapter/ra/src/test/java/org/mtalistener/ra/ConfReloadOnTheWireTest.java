package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.ra.ConsoleOnTheWireTest.smtpGreeting;

import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.conf.map.Activations;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.ra.ConsoleOnTheWireTest.Console;

/**
 * {@code config reload} on real files: a conf file in a temporary directory is mapped as the build maps it, its
 * activations run on real sockets, the file is rewritten and the console asked to read it again.
 */
class ConfReloadOnTheWireTest {

    @TempDir
    Path dir;

    private ListenerFixture fixture;
    private Path conf;
    private Path consoleSocket;
    private int port;
    private String smtp;

    @BeforeEach
    void fixture() throws Exception {
        fixture = new ListenerFixture(dir);
        conf = dir.resolve("ecelerity.conf");
        consoleSocket = dir.resolve("console.sock");
        port = ListenerFixture.freePort();
        smtp = "ESMTP_Listener 127.0.0.1:" + port;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** The conf file with {@code smtpListen}'s Listen scope body and the console's Listen. */
    private void write(String listenerBody) throws Exception {
        Files.writeString(conf, "ESMTP_Listener {\n" + listenerBody + "\n}\n"
                + "Control_Listener { Listen \"" + consoleSocket + "\" { } }\n");
    }

    /** Maps the file as the build does and starts every activation with the descriptor's properties. */
    private List<ListenerActivationSpec> deploy() throws Exception {
        List<ListenerActivationSpec> specs = new ArrayList<>();
        for (Activations.Activation activation : Activations.of(ConfLoader.load(conf), "Mail", "Console",
                new ArrayList<>())) {
            ListenerActivationSpec spec = new ListenerActivationSpec();
            activation.properties().forEach(spec::setProperty);
            fixture.start(spec);
            specs.add(spec);
        }
        return specs;
    }

    private Console console() throws Exception {
        return Console.open(UnixDomainSocketAddress.of(consoleSocket));
    }

    @Test
    void theMapperNamesTheFileAndReloadAppliesItToNewSessionsAndTellsWhatWaits() throws Exception {
        write("Banner_Hostname = \"before.test\"\nListen \"127.0.0.1:" + port + "\" { Listen_Backlog = 50 }");
        for (ListenerActivationSpec spec : deploy()) {
            assertEquals(conf.toAbsolutePath().toString(), spec.getConfFile());
        }
        assertTrue(smtpGreeting(port).startsWith("220 before.test "));

        write("Banner_Hostname = \"after.test\"\nListen \"127.0.0.1:" + port + "\" {\n"
                + "  Listen_Backlog = 7\n  Concurrency = 3\n  Max_Recipients_Per_Message = 12\n}");
        try (Console console = console()) {
            String maxMessageSize = console.run("config get esmtp_listener Max_Message_Size");
            String concurrency = console.run("config get esmtp_listener Concurrency");
            console.run("config set esmtp_listener Max_Message_Size 1");

            String answer = console.run("config reload");

            assertTrue(answer.startsWith(smtp + ": " + conf + " read again; for new sessions:\n"), answer);
            assertTrue(answer.contains("\n  Banner_Hostname = after.test\n"), answer);
            assertTrue(answer.contains("\n  Max_Recipients_Per_Message = 12\n"), answer);
            assertTrue(answer.contains("\n  " + maxMessageSize), "the live change is dropped: " + answer);
            assertTrue(answer.contains("\n  not while it runs:\n"
                    + "    Concurrency = 3 in the file: the listener keeps " + concurrency.strip()
                    + " until the application is redeployed\n"
                    + "    Listen_Backlog = 7 in the file: the socket is bound with 50; the new value applies when it "
                    + "binds again (Enable false, then true) or at redeployment\n"), answer);
            assertFalse(answer.contains("  Listen_Backlog = 7\n"), "not among the changes for new sessions: " + answer);
            assertTrue(answer.endsWith("Control_Listener " + consoleSocket + ": " + conf + " read again, nothing "
                    + "changed for new sessions\n"), answer);

            assertTrue(smtpGreeting(port).startsWith("220 after.test "), "a new session has the file's value");
            assertEquals(concurrency, console.run("config get esmtp_listener Concurrency"),
                    "the running value, not the file's");
            assertEquals("Max_Recipients_Per_Message = 12\n",
                    console.run("config get esmtp_listener Max_Recipients_Per_Message"));
            console.run("config set esmtp_listener Banner_Hostname live.test");
            assertEquals("\"Banner_Hostname\" has been unset. Effective value is now: after.test\n",
                    console.run("config unset esmtp_listener Banner_Hostname"),
                    "unset goes back to the file read, not to the deployment");
        }
    }

    @Test
    void aBrokenFileIsRefusedWithItsPositionsAndTheRunningSettingsStay() throws Exception {
        write("Banner_Hostname = \"before.test\"\nListen \"127.0.0.1:" + port + "\" { }");
        deploy();
        write("Banner_Hostname = \"after.test\"\nListen \"127.0.0.1:" + port + "\" {\n  Max_Mesage_Size = 10\n}");
        try (Console console = console()) {
            console.run("config set esmtp_listener Max_Recipients_Per_Message 3");

            String answer = console.run("config reload");

            assertTrue(answer.startsWith(smtp + ": " + conf + " refused, the running settings stay:\n  " + conf
                    + ":4:3: "), answer);
            assertTrue(answer.contains("Max_Mesage_Size"), answer);
            assertTrue(answer.contains("Control_Listener " + consoleSocket + ": " + conf + " refused"), answer);
            assertTrue(smtpGreeting(port).startsWith("220 before.test "));
            assertEquals("Max_Recipients_Per_Message = 3\n",
                    console.run("config get esmtp_listener Max_Recipients_Per_Message"), "the live change stays too");

            Files.delete(conf);
            assertTrue(console.run("config reload").startsWith(smtp + ": " + conf + " refused, the running settings "
                    + "stay:\n  " + conf + ":1:1: cannot read the file"));
            assertTrue(smtpGreeting(port).startsWith("220 before.test "));
        }
    }

    @Test
    void aListenThatMovedIsReportedAndADisabledOneStopsAccepting() throws Exception {
        int elsewhere = ListenerFixture.freePort();
        write("Listen \"127.0.0.1:" + port + "\" { }");
        deploy();
        write("Listen \"127.0.0.1:" + elsewhere + "\" { }");
        try (Console console = console()) {
            assertTrue(console.run("config reload").startsWith(smtp + ": " + conf + " refused, the running settings "
                    + "stay:\n  " + conf + " has no ESMTP_Listener Listen \"127.0.0.1:" + port + "\" any more: a "
                    + "running socket cannot move or close by reload"));
            assertTrue(fixture.listeners().get(0).listening());

            write("Listen \"127.0.0.1:" + port + "\" { Enable = false }");
            assertTrue(console.run("config reload").startsWith(smtp + ": " + conf
                    + " read again; for new sessions:\n  Enable = false\n"));
            ListenerFixture.await(() -> !fixture.listeners().get(0).listening());
        }
    }

    @Test
    void withoutAConfFileReloadSaysSoAndGoesBackToTheDeployedProperties() throws Exception {
        ListenerActivationSpec byHand = ListenerFixture.spec();
        byHand.setBannerHostname("deployed.test");
        fixture.start(byHand);
        ListenerActivationSpec console = new ListenerActivationSpec();
        console.setListenerType("Control_Listener");
        console.setListen(consoleSocket.toString());
        fixture.start(console);
        int byHandPort = ListenerFixture.port(byHand);
        try (Console client = console()) {
            client.run("config set esmtp_listener Banner_Hostname live.test");

            assertEquals("ESMTP_Listener 127.0.0.1:" + byHandPort + ": no conf file came with this activation (its "
                    + "descriptor was written by hand): the deployed properties again\n"
                    + "Control_Listener " + consoleSocket + ": no conf file came with this activation (its descriptor "
                    + "was written by hand): the deployed properties again\n", client.run("config reload"));
            assertTrue(smtpGreeting(byHandPort).startsWith("220 deployed.test "));
        }
    }
}
