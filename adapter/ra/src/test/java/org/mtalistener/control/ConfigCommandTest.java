package org.mtalistener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mtalistener.mgmt.FakeListener;

class ConfigCommandTest {

    private final FakeListener first = new FakeListener("ESMTP_Listener", "127.0.0.1:2525", Clock.systemUTC(),
            Map.of("Max_Message_Size", "1048576"), Map.of("Max_Message_Size", "0", "Enable", "true"));
    private final FakeListener second = new FakeListener("ESMTP_Listener", "*:25", Clock.systemUTC(),
            Map.of(), Map.of("Max_Message_Size", "0"));
    private final FakeListener console = new FakeListener("Control_Listener", "/tmp/2025", Clock.systemUTC(),
            Map.of(), Map.of());
    private final ConfigCommand config =
            new ConfigCommand(new BuiltInCommandsTest.Target(List.of(first, second, console)));

    @Test
    void getAndEvalReadOneSocketOrEachOfAListener() {
        assertEquals("Max_Message_Size = 1048576\n",
                run("get esmtp_listener listen 127.0.0.1:2525 max_message_size"));
        assertEquals("Listen \"127.0.0.1:2525\": Max_Message_Size = 1048576\n"
                        + "Listen \"*:25\": Option 'Max_Message_Size' is not set in scope 'ESMTP_Listener::Listen:*:25'.\n",
                run("get ESMTP_Listener Max_Message_Size"));
        assertEquals("Max_Message_Size = 0\n", run("eval esmtp_listener listen *:25 Max_Message_Size"));
        assertEquals("Enable = (unset)\n", run("eval esmtp_listener listen *:25 Enable"));
    }

    @Test
    void setTakesTheRestOfTheLineAfterAnOptionalEqualsAndUnsetGoesBackToTheDeployedValue() {
        assertEquals("Max_Message_Size = 2048\n", run("set esmtp_listener listen 127.0.0.1:2525 Max_Message_Size = 2048"));
        assertEquals("2048", first.get("Max_Message_Size"));
        assertEquals("Max_Message_Size = 4096\n", run("set esmtp_listener listen 127.0.0.1:2525 Max_Message_Size 4096"));
        assertEquals(null, second.get("Max_Message_Size"), "the other socket keeps its value");

        assertEquals("\"Max_Message_Size\" has been unset. Effective value is now: 1048576\n",
                run("unset esmtp_listener listen 127.0.0.1:2525 Max_Message_Size"));
    }

    @Test
    void aPortAloneFindsTheSocketOnEveryAddress() {
        assertTrue(ConfigCommand.sameAddress(":25", "*:25"));
        assertTrue(ConfigCommand.sameAddress(":25", "[::]:25"));
        assertTrue(ConfigCommand.sameAddress("127.0.0.1:2525", "127.0.0.1:2525"));
        assertFalse(ConfigCommand.sameAddress("127.0.0.1:25", "127.0.0.2:25"));
        assertFalse(ConfigCommand.sameAddress("not an address", "*:25"));
        assertEquals("Max_Message_Size = 0\n", run("eval esmtp_listener listen :25 Max_Message_Size"));
    }

    @Test
    void showListsTheOptionsOfEachSocketOrOnlyOne() {
        first.set("Enable", "true");
        assertEquals("""
                ESMTP_Listener {
                  Listen "127.0.0.1:2525" {
                    Max_Message_Size = 1048576
                    Enable = true
                  }
                  Listen "*:25" {
                  }
                }
                """, run("show esmtp_listener"));
        assertEquals("""
                ESMTP_Listener {
                  Listen "127.0.0.1:2525" {
                    Enable = true
                  }
                }
                """, run("show esmtp_listener listen 127.0.0.1:2525 enable"));
    }

    @Test
    void locateFindsListenersAndTheirSockets() {
        assertEquals("ESMTP_Listener\n  is at ESMTP_Listener:\n", run("locate esmtp_listener"));
        assertEquals("Listen \"*:25\"\n  is at ESMTP_Listener::Listen:*:25:\n", run("locate listen \\*"));
        assertEquals("No scope Peer found\n", run("locate Peer"));
        assertEquals("config locate: \"[\" is not a regular expression: Unclosed character class",
                run("locate listen ["));
    }

    @Test
    void reloadDropsEveryLiveChange() {
        run("set esmtp_listener listen 127.0.0.1:2525 Max_Message_Size 1");
        first.setEnabled(false);

        // each socket answers for itself, in order
        assertEquals("ESMTP_Listener 127.0.0.1:2525: the deployed properties again\n"
                + "ESMTP_Listener *:25: the deployed properties again\n"
                + "Control_Listener /tmp/2025: the deployed properties again\n", run("reload"));

        assertEquals("1048576", first.get("Max_Message_Size"));
        assertTrue(first.enabled());
        assertTrue(run("reload now").startsWith("config reload takes no argument here"));
    }

    @Test
    void mistakesAreAnsweredWithTheWayOut() {
        assertEquals(ConfigCommand.USAGE, run(""));
        assertEquals("config frob is not a config command\n" + ConfigCommand.USAGE, run("frob"));
        assertEquals("\"xmpp_listener\" is not a listener scope of the adapter: use esmtp_listener, ecstream_listener, "
                + "control_listener, qmqp_listener or http_listener", run("get xmpp_listener Enable"));
        assertEquals("No HTTP_Listener is running here", run("get http_listener Enable"));
        assertEquals("No ECStream_Listener is running here", run("get ecstream_listener Enable"));
        assertEquals("No ESMTP_Listener Listen \"10.0.0.1:25\" is running here",
                run("get esmtp_listener listen 10.0.0.1:25 Enable"));
        assertEquals("unknown option \"Max_Mesage_Size\": did you mean Max_Message_Size?",
                run("get esmtp_listener Max_Mesage_Size"));
        assertTrue(run("get esmtp_listener").startsWith("config get needs an OPTION after the scope\n"));
        assertTrue(run("set esmtp_listener Max_Message_Size =").startsWith(
                "config set needs a value after Max_Message_Size, e.g. Max_Message_Size "));
        assertEquals("name a scope: esmtp_listener, ecstream_listener, control_listener, qmqp_listener or "
                + "http_listener", run("get"));
    }

    private String run(String line) {
        return config.run(Words.of(line));
    }
}
