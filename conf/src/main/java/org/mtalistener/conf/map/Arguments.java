package org.mtalistener.conf.map;

import java.nio.file.Path;
import java.util.List;

/** The command line of {@link ListenerConf}, checked. */
record Arguments(String command, Path file, String peer, String listen, String mdbClass, boolean batchMdb,
                 String controlClass, Path out, String payaraRa, String wildflyRa) {

    static Arguments parse(String[] args) {
        if (args.length == 0 || !List.of("check", "show", "map").contains(args[0])) {
            throw new IllegalArgumentException(args.length == 0 ? "no command" : "expected check, show or map, got "
                    + args[0]);
        }
        if (args.length < 2) {
            throw new IllegalArgumentException(args[0] + " needs a FILE");
        }
        String peer = null;
        String listen = null;
        String mdbClass = null;
        boolean batchMdb = false;
        String controlClass = null;
        Path out = null;
        String payaraRa = "mta-listener";
        String wildflyRa = "mta-listener.ear#mta-listener.rar";
        for (int i = 2; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[0] + " " + args[i]) {
                case "show --peer" -> peer = value;
                case "show --listen" -> listen = value;
                case "map --mdb-class" -> mdbClass = value;
                case "map --mdb-interface" -> batchMdb = batchListener(value);
                case "map --control-class" -> controlClass = value;
                case "map --out" -> out = Path.of(value);
                case "map --payara-ra" -> payaraRa = value;
                case "map --wildfly-ra" -> wildflyRa = value;
                default -> throw new IllegalArgumentException(args[0] + " takes no option " + args[i]);
            }
        }
        return new Arguments(args[0], Path.of(args[1]), peer, listen, mdbClass, batchMdb, controlClass, out,
                payaraRa, wildflyRa);
    }

    /** {@code --mdb-interface}: whether the mail MDB class is a BatchMailListener (group commit). */
    private static boolean batchListener(String value) {
        return switch (value.replaceFirst("^org\\.mtalistener\\.api\\.", "")) {
            case "MailListener" -> false;
            case "BatchMailListener" -> true;
            default -> throw new IllegalArgumentException("--mdb-interface " + value
                    + ": expected MailListener or BatchMailListener, the interface the --mdb-class implements");
        };
    }
}
