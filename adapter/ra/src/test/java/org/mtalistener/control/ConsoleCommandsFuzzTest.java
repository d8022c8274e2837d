package org.mtalistener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.mtalistener.api.ControlCommand;
import org.mtalistener.mgmt.ListenerStats;
import org.mtalistener.mgmt.ManagedListener;

/**
 * Any line as an authenticated console command, run by the built-in commands against one ESMTP listener socket that
 * records what is done to it:
 * <ul>
 *   <li>the line splits into words that, quoted again, split the same;</li>
 *   <li>a command answers with text or "unknown" (null), never an exception;</li>
 *   <li>it acts only as its words say: only {@code shutdown} shuts down, only {@code config set}, {@code unset} and
 *       {@code reload} change the listener.</li>
 * </ul>
 */
class ConsoleCommandsFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-08T16:21:51Z"), ZoneOffset.UTC);

    @FuzzTest
    void commandsDoOnlyWhatTheirWordsSay(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8).strip();
        List<String> words = Words.of(line);
        assertEquals(words, Words.of(words.stream().map(ConsoleCommandsFuzzTest::quoted)
                .collect(Collectors.joining(" "))), "quoted again");
        if (words.isEmpty() || isLocateWithRegex(words)) {
            return;
        }
        RecordingListener listener = new RecordingListener();
        List<String> shutdowns = new ArrayList<>();
        ConsoleTarget target = new ConsoleTarget() {
            @Override
            public List<ManagedListener> listeners() {
                return List.of(listener);
            }

            @Override
            public Instant started() {
                return CLOCK.instant();
            }

            @Override
            public void shutdown() {
                shutdowns.add(line);
            }
        };
        new BuiltInCommands(target, CLOCK).run(new ControlCommand(line, words, "john", "Control_Listener test",
                "127.0.0.1:40000"));
        String verb = words.get(0).toLowerCase(Locale.ROOT);
        assertTrue(shutdowns.isEmpty() || verb.equals("shutdown"), "shut down by " + line);
        String sub = verb.equals("config") && words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
        for (String change : listener.changes) {
            assertTrue(change.equals(sub), change + " done by " + line);
        }
    }

    /**
     * {@code config locate SCOPE REGEX} compiles the operator's regular expression, as Momentum's does: Jazzer's
     * regex-injection detector would report every invalid one.
     */
    private static boolean isLocateWithRegex(List<String> words) {
        return words.size() > 3 && words.get(0).equalsIgnoreCase("config") && words.get(1).equalsIgnoreCase("locate");
    }

    private static String quoted(String word) {
        return '"' + word.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** One ESMTP socket whose options are a map; records each change by the config command that makes it. */
    private static final class RecordingListener implements ManagedListener {
        final List<String> changes = new ArrayList<>();
        private final Map<String, String> options = new LinkedHashMap<>(Map.of("Idle_Time", "300"));
        private final ListenerStats stats = new ListenerStats(CLOCK);
        private boolean enabled = true;

        @Override
        public String listenerType() {
            return "ESMTP_Listener";
        }

        @Override
        public String address() {
            return "127.0.0.1:2525";
        }

        @Override
        public boolean enabled() {
            return enabled;
        }

        @Override
        public boolean listening() {
            return enabled;
        }

        @Override
        public void setEnabled(boolean enabled) {
            changes.add("set");
            this.enabled = enabled;
        }

        @Override
        public ListenerStats stats() {
            return stats;
        }

        @Override
        public List<LiveSession> sessions() {
            return List.of(new LiveSession("192.0.2.7:40123", CLOCK.instant()));
        }

        @Override
        public String get(String option) {
            return options.get(option);
        }

        @Override
        public String eval(String option) {
            return options.getOrDefault(option, "default");
        }

        @Override
        public String set(String option, String value) {
            changes.add("set");
            if (value.isBlank()) {
                throw new IllegalArgumentException(option + ": \"" + value + "\" is not a value");
            }
            options.put(option, value);
            return value;
        }

        @Override
        public String unset(String option) {
            changes.add("unset");
            options.remove(option);
            return eval(option);
        }

        @Override
        public List<String> show() {
            return options.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList();
        }

        @Override
        public String reload() {
            changes.add("reload");
            options.clear();
            return "reloaded";
        }
    }
}
