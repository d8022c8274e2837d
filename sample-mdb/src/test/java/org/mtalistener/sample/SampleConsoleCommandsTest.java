package org.mtalistener.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.ControlCommand;

class SampleConsoleCommandsTest {

    @TempDir
    Path dir;

    @Test
    void maildirCountsTheMessagesInNewAndSaysWhere() throws IOException {
        Maildir maildir = new Maildir(dir);
        SampleConsoleCommands commands = new SampleConsoleCommands(maildir);
        Path fresh = dir.toAbsolutePath().resolve("new");
        assertEquals("0 messages in " + fresh, commands.onCommand(command("maildir")));
        maildir.store(new ByteArrayInputStream(new byte[] {1}));
        assertEquals("1 message in " + fresh, commands.onCommand(command("maildir")));
        maildir.store(new ByteArrayInputStream(new byte[] {2}));
        Files.writeString(dir.resolve("cur").resolve("seen:2,S"), "read already");
        Files.writeString(fresh.resolve(".hidden"), "not a message");
        assertEquals("2 messages in " + fresh, commands.onCommand(command("MailDir")));
    }

    @Test
    void anythingElseIsNotTheSamplesCommand() throws IOException {
        SampleConsoleCommands commands = new SampleConsoleCommands(new Maildir(dir));
        assertNull(commands.onCommand(command("summary")));
        assertNull(commands.onCommand(command("maildirs")));
        assertNull(commands.onCommand(command("")));
        assertTrue(commands.onCommand(command("maildir now")).startsWith("Usage: maildir"));
    }

    @Test
    void aMaildirThatCannotBeReadIsSaidNotThrown() throws IOException {
        Maildir maildir = new Maildir(dir);
        Files.delete(dir.resolve("new"));
        String reply = new SampleConsoleCommands(maildir).onCommand(command("maildir"));
        assertTrue(reply.startsWith("Cannot read " + dir.toAbsolutePath().resolve("new") + ": "), reply);
    }

    private static ControlCommand command(String line) {
        List<String> words = line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+"));
        return new ControlCommand(line.trim(), words, "operator", "Control_Listener /tmp/2025", "/tmp/2025");
    }
}
