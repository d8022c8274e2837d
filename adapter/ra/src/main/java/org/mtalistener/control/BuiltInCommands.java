package org.mtalistener.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.mtalistener.api.ControlCommand;
import org.mtalistener.mgmt.ListenerStats;
import org.mtalistener.mgmt.ManagedListener;

/** The commands the console knows itself (docs/console.md); anything else is someone else's. */
public final class BuiltInCommands implements CommandRunner {

    static final String HELP = """
            config get|eval|set|unset|show|showrecurse|locate|reload ...   read or change listener options
            summary [reset]      sessions and messages per listener, rates, uptime; reset zeroes the counters
            show inbound         the sessions open now
            version              the adapter's version
            pid                  the server's process id
            help [COMMAND]       this list, or one command in detail
            shutdown             stop accepting everywhere; sessions in progress finish
            quit                 close this console session
            """;

    private final ConsoleTarget target;
    private final Clock clock;
    private final ConfigCommand config;

    public BuiltInCommands(ConsoleTarget target, Clock clock) {
        this.target = target;
        this.clock = clock;
        this.config = new ConfigCommand(target);
    }

    @Override
    public String run(ControlCommand command) {
        List<String> words = command.words();
        String verb = words.get(0).toLowerCase(Locale.ROOT);
        List<String> rest = words.subList(1, words.size());
        return switch (verb) {
            case "version" -> rest.isEmpty() ? "MTA Listener Adapter " + version() : null;
            case "pid" -> rest.isEmpty() ? String.valueOf(ProcessHandle.current().pid()) : null;
            case "help" -> help(rest);
            case "summary" -> summary(rest);
            case "show" -> rest.size() == 1 && rest.get(0).equalsIgnoreCase("inbound") ? inbound() : null;
            case "shutdown" -> shutdown(command);
            case "config" -> config.run(rest);
            default -> null;
        };
    }

    private static String version() {
        String version = BuiltInCommands.class.getPackage().getImplementationVersion();
        return version != null ? version : "(development build)";
    }

    private static String help(List<String> rest) {
        if (rest.isEmpty()) {
            return HELP;
        }
        if (rest.get(0).equalsIgnoreCase("config")) {
            return ConfigCommand.USAGE;
        }
        String verb = rest.get(0).toLowerCase(Locale.ROOT);
        return HELP.lines().filter(line -> line.startsWith(verb + " ") || line.equals(verb))
                .findFirst().map(line -> line + "\n").orElse("No help for " + rest.get(0) + "\n");
    }

    private String summary(List<String> rest) {
        if (rest.size() == 1 && rest.get(0).equalsIgnoreCase("reset")) {
            target.listeners().forEach(listener -> listener.stats().reset());
            return "statistics cleared.";
        }
        if (!rest.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder(String.format("%-40s %-8s %8s %9s %9s %9s %11s %9s %13s%n",
                "Listener", "State", "Sessions", "Total", "Accepted", "Rejected", "Temp-failed", "Refused", "Bytes"));
        int current = 0;
        long accepted = 0;
        long rejected = 0;
        long tempFailed = 0;
        long refused = 0;
        Instant since = now;
        for (ManagedListener listener : target.listeners()) {
            ListenerStats.Snapshot s = listener.stats().snapshot();
            out.append(String.format("%-40s %-8s %8d %9d %9d %9d %11d %9d %13d%n",
                    listener.listenerType() + " " + listener.address(), state(listener), s.currentSessions(),
                    s.sessions(), s.accepted(), s.rejected(), s.tempFailed(), s.refused(), s.bytesAccepted()));
            current += s.currentSessions();
            accepted += s.accepted();
            rejected += s.rejected();
            tempFailed += s.tempFailed();
            refused += s.refused();
            since = s.since().isBefore(since) ? s.since() : since;
        }
        double seconds = Math.max(1, Duration.between(since, now).toMillis()) / 1000.0;
        return out.append('\n')
                .append("Inbound Concurrency: ").append(current).append('\n')
                .append("Received Messages: ").append(accepted).append('\n')
                .append("Rejected Messages: ").append(rejected).append('\n')
                .append("Temp-failed Messages: ").append(tempFailed).append('\n')
                .append("Refused by the Listener: ").append(refused).append('\n')
                .append(String.format(Locale.ROOT, "Reception Rate: %.2f/s (since %s)%n", accepted / seconds, since))
                .append("Uptime: ").append(duration(Duration.between(target.started(), now))).append('\n')
                .toString();
    }

    private static String state(ManagedListener listener) {
        return listener.listening() ? "on" : listener.enabled() ? "binding" : "off";
    }

    private String inbound() {
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (ManagedListener listener : target.listeners()) {
            for (ManagedListener.LiveSession session : listener.sessions()) {
                count++;
                out.append(String.format(Locale.ROOT, "%d: [%s %s] %s (for %.3fs)%n", count,
                        listener.listenerType(), listener.address(), session.client(),
                        Duration.between(session.since(), now).toMillis() / 1000.0));
            }
        }
        return out.append(count).append(count == 1 ? " session" : " sessions").append('\n').toString();
    }

    private String shutdown(ControlCommand command) {
        target.shutdown();
        return "Shutdown requested by " + command.user() + ": no further SMTP, ECStream, QMQP or console connections "
                + "will be allowed; sessions and deliveries in progress finish.";
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format("%dd %02dh %02dm %02ds", s / 86400, s / 3600 % 24, s / 60 % 60, s % 60);
    }
}
