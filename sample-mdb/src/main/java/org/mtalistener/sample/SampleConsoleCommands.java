package org.mtalistener.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mtalistener.api.ControlCommand;
import org.mtalistener.api.ControlListener;

/**
 * The sample's console commands: the adapter's console passes the commands it does not know itself here. Declared,
 * like {@link SampleMailMdb}, in the {@code META-INF/ejb-jar.xml} written from the conf file (one message-driven
 * bean per Control_Listener Listen), so no {@code @MessageDriven} here.
 *
 * <p>{@code maildir}: how many messages the sample's Maildir holds in {@code new/}, and where it is. Anything else is
 * not the sample's: {@code null}, and the console says {@code Unknown command}.
 */
public class SampleConsoleCommands implements ControlListener {

    private static final Logger LOG = Logger.getLogger(SampleConsoleCommands.class.getName());
    static final String MAILDIR = "maildir";

    private final Maildir maildir;

    /** For the container: the Maildir {@link SampleMailMdb} stores into. */
    public SampleConsoleCommands() {
        this(openMaildir());
    }

    SampleConsoleCommands(Maildir maildir) {
        this.maildir = maildir;
    }

    @Override
    public String onCommand(ControlCommand command) {
        if (command.words().isEmpty() || !command.words().get(0).toLowerCase(Locale.ROOT).equals(MAILDIR)) {
            return null;
        }
        if (command.words().size() > 1) {
            return "Usage: maildir (the number of messages in new/ of the sample's Maildir)";
        }
        // a container thread, not the adapter's event loop: reading the directory is fine here
        try {
            long count = maildir.countNew();
            return count + (count == 1 ? " message" : " messages") + " in " + maildir.root().resolve("new");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "maildir for " + command.user() + ": cannot read " + maildir.root(), e);
            return "Cannot read " + maildir.root().resolve("new") + ": " + e.getMessage();
        }
    }

    private static Maildir openMaildir() {
        try {
            return Maildir.fromEnvironment();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Maildir", e);
        }
    }
}
