package org.mtalistener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.ControlCommand;
import org.mtalistener.auth.Credentials;
import org.mtalistener.auth.Mechanism;
import org.mtalistener.auth.PasswordStore;

/** The console session on an embedded channel (a TCP client unless said otherwise): frames, SASL, authorization. */
class ConsoleSessionTest {

    @TempDir
    Path dir;

    private final List<ControlCommand> ran = new ArrayList<>();
    /** The throttle's clock, moved with the channels' frozen clocks by {@link #advance}. */
    private final AtomicLong now = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    /** A reply frame: type and payload. */
    record Reply(int type, String text) {
    }

    private EmbeddedChannel console(ConsoleAuth auth, Permissions authorization) {
        return EmbeddedConsole.open(auth, authorization, command -> {
            ran.add(command);
            return switch (command.words().get(0)) {
                case "version" -> "test 1.0";
                case "big" -> "x".repeat(70_000);
                default -> null;
            };
        }, throttle);
    }

    private void advance(Duration time, EmbeddedChannel... channels) {
        now.addAndGet(time.toNanos());
        for (EmbeddedChannel channel : channels) {
            channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
            channel.runScheduledPendingTasks();
        }
    }

    private static ByteBuf request(int type, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeShort(type).writeShort(bytes.length).writeBytes(bytes);
    }

    private static Reply reply(EmbeddedChannel channel) {
        channel.runPendingTasks();
        ByteBuf out = channel.readOutbound();
        if (out == null) {
            return null;
        }
        try {
            int type = out.readUnsignedShort();
            long length = type == ConsoleWire.LONG_TEXT ? out.readUnsignedInt() : out.readUnsignedShort();
            assertEquals(length, out.readableBytes(), "declared length");
            return new Reply(type, out.toString(StandardCharsets.UTF_8));
        } finally {
            out.release();
        }
    }

    private Reply send(EmbeddedChannel channel, int type, String payload) {
        channel.writeInbound(request(type, payload));
        return reply(channel);
    }

    private ConsoleAuth open() {
        return new ConsoleAuth(Map.of(), false, true, false);
    }

    private Credentials store(String lines) throws Exception {
        Path file = Files.writeString(dir.resolve("passwd"), lines);
        return new Credentials(PasswordStore.load("file://" + file), "console.test");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void runsCommandsAsTheirUserAndSaysWhenItKnowsNone() {
        EmbeddedChannel channel = console(open(), null);
        assertEquals(new Reply(ConsoleWire.TEXT, "test 1.0\n"), send(channel, ConsoleWire.COMMAND, "  version "));
        assertEquals(new Reply(ConsoleWire.TEXT, ConsoleSession.UNKNOWN), send(channel, ConsoleWire.COMMAND, "frob"));
        assertEquals("anonymous", ran.get(0).user());
        assertEquals(List.of("version"), ran.get(0).words());
        assertEquals("Control_Listener 127.0.0.1:2025", ran.get(0).listener());
    }

    @Test
    void answersPipelinedCommandsInOrder() {
        EmbeddedChannel channel = console(open(), null);
        channel.writeInbound(Unpooled.wrappedBuffer(request(1, "version"), request(1, "frob"), request(1, "version")));
        List<String> texts = new ArrayList<>();
        for (Reply r = reply(channel); r != null; r = reply(channel)) {
            texts.add(r.text());
        }
        assertEquals(List.of("test 1.0\n", ConsoleSession.UNKNOWN, "test 1.0\n"), texts);
    }

    @Test
    void longOutputGoesInALongTextFrame() {
        Reply big = send(console(open(), null), ConsoleWire.COMMAND, "big");
        assertEquals(ConsoleWire.LONG_TEXT, big.type());
        assertEquals(70_001, big.text().length());
    }

    @Test
    void aTcpClientMustAuthenticateBeforeAnyCommand() throws Exception {
        ConsoleAuth auth = new ConsoleAuth(Map.of(Mechanism.LOGIN, store("john:secret\n")), false, false, false);
        EmbeddedChannel channel = console(auth, null);
        assertEquals(new Reply(ConsoleWire.AUTH_REQUIRED, "LOGIN"), send(channel, ConsoleWire.COMMAND, "version"));
        assertTrue(ran.isEmpty());
        assertEquals(new Reply(ConsoleWire.CHALLENGE, b64("Username:")), send(channel, ConsoleWire.AUTH, "LOGIN"));
        assertEquals(new Reply(ConsoleWire.CHALLENGE, b64("Password:")), send(channel, ConsoleWire.AUTH, b64("john")));
        assertEquals(new Reply(ConsoleWire.TEXT, "Authenticated as john\n"),
                send(channel, ConsoleWire.AUTH, b64("secret")));
        assertEquals("test 1.0\n", send(channel, ConsoleWire.COMMAND, "version").text());
        assertEquals("john", ran.get(0).user());
    }

    @Test
    void digestMd5WithTheJdkSaslClient() throws Exception {
        ConsoleAuth auth = new ConsoleAuth(Map.of(Mechanism.DIGEST_MD5, store("john:secret\n")), false, false, false);
        EmbeddedChannel channel = console(auth, null);
        SaslClient client = Sasl.createSaslClient(new String[] {"DIGEST-MD5"}, null, "console", "console.test",
                Map.of(), callbacks -> {
                    for (var callback : callbacks) {
                        if (callback instanceof NameCallback name) {
                            name.setName("john");
                        } else if (callback instanceof PasswordCallback password) {
                            password.setPassword("secret".toCharArray());
                        } else if (callback instanceof RealmCallback realm) {
                            realm.setText(realm.getDefaultText());
                        }
                    }
                });
        Reply challenge = send(channel, ConsoleWire.AUTH, "DIGEST-MD5");
        assertEquals(ConsoleWire.CHALLENGE, challenge.type());
        byte[] response = client.evaluateChallenge(Base64.getDecoder().decode(challenge.text()));
        Reply rspauth = send(channel, ConsoleWire.AUTH, Base64.getEncoder().encodeToString(response));
        assertEquals(ConsoleWire.CHALLENGE, rspauth.type());
        byte[] last = client.evaluateChallenge(Base64.getDecoder().decode(rspauth.text()));
        assertTrue(client.isComplete(), "the client accepted the server's rspauth");
        assertEquals(new Reply(ConsoleWire.TEXT, "Authenticated as john\n"),
                send(channel, ConsoleWire.AUTH, Base64.getEncoder().encodeToString(last == null ? new byte[0] : last)));
    }

    @Test
    void threeFailuresCloseTheConnection() throws Exception {
        ConsoleAuth auth = new ConsoleAuth(Map.of(Mechanism.LOGIN, store("john:secret\n")), false, false, false);
        EmbeddedChannel channel = console(auth, null);
        for (int attempt = 1; attempt <= ConsoleSession.MAX_AUTH_FAILURES; attempt++) {
            channel.writeInbound(request(ConsoleWire.AUTH, "LOGIN " + b64("john")));
            advance(Duration.ofSeconds(2), channel); // the throttle's turn after at most two failures
            assertEquals(ConsoleWire.CHALLENGE, reply(channel).type());
            assertTrue(channel.isOpen());
            assertEquals(new Reply(ConsoleWire.AUTH_REQUIRED, "LOGIN"), send(channel, ConsoleWire.AUTH, b64("wrong")));
        }
        assertFalse(channel.isOpen());
    }

    @Test
    void eachFailedLoginMakesTheAddressWaitLongerInEverySession() throws Exception {
        ConsoleAuth auth = new ConsoleAuth(Map.of(Mechanism.LOGIN, store("john:secret\n")), false, false, false);
        EmbeddedChannel first = console(auth, null);
        EmbeddedChannel second = console(auth, null); // the same client address ("embedded")
        send(first, ConsoleWire.AUTH, "LOGIN " + b64("john"));
        assertEquals(ConsoleWire.AUTH_REQUIRED, send(first, ConsoleWire.AUTH, b64("wrong")).type());

        first.writeInbound(request(ConsoleWire.AUTH, "LOGIN " + b64("john")));
        assertNull(reply(first), "held for a second after one failure");
        advance(Duration.ofMillis(999), first, second);
        assertNull(reply(first));
        advance(Duration.ofMillis(1), first, second);
        assertEquals(ConsoleWire.CHALLENGE, reply(first).type());
        assertEquals(ConsoleWire.AUTH_REQUIRED, send(first, ConsoleWire.AUTH, b64("wrong")).type());

        second.writeInbound(request(ConsoleWire.AUTH, "LOGIN"));
        advance(Duration.ofMillis(1999), first, second);
        assertNull(reply(second), "two failures: two seconds, though this session failed nothing");
        advance(Duration.ofMillis(1), first, second);
        assertEquals(ConsoleWire.CHALLENGE, reply(second).type());
        assertEquals(ConsoleWire.CHALLENGE, send(second, ConsoleWire.AUTH, b64("john")).type());
        assertEquals("Authenticated as john\n", send(second, ConsoleWire.AUTH, b64("secret")).text());

        EmbeddedChannel third = console(auth, null);
        assertEquals(ConsoleWire.CHALLENGE, send(third, ConsoleWire.AUTH, "LOGIN").type(), "a success forgets");
    }

    @Test
    void anAddressFarBehindIsRefusedAtOnceNotQueued() throws Exception {
        ConsoleAuth auth = new ConsoleAuth(Map.of(Mechanism.LOGIN, store("john:secret\n")), false, false, false);
        for (int i = 0; i < 8; i++) {
            throttle.failed("embedded");
        }
        List<EmbeddedChannel> waiting = new ArrayList<>();
        EmbeddedChannel refused = null;
        for (int i = 0; i < 5 && refused == null; i++) {
            EmbeddedChannel channel = console(auth, null);
            channel.writeInbound(request(ConsoleWire.AUTH, "LOGIN"));
            Reply r = reply(channel);
            if (r == null) {
                waiting.add(channel);
            } else {
                assertEquals(new Reply(ConsoleWire.TEXT, ConsoleSession.TOO_MANY_FAILURES), r);
                assertFalse(channel.isOpen());
                refused = channel;
            }
        }
        assertTrue(refused != null, "an attempt that would wait over a minute is refused");
        assertEquals(1, waiting.size(), "eight failures: the next turn is 32 s away, the one after 64 s");
    }

    @Test
    void aClientThatDoesNotLogInInTimeIsClosed() throws Exception {
        ConsoleAuth auth = new ConsoleAuth(Map.of(Mechanism.LOGIN, store("john:secret\n")), false, false, false);
        EmbeddedChannel idle = console(auth, null);
        EmbeddedChannel slow = console(auth, null);
        EmbeddedChannel loggedIn = console(auth, null);
        EmbeddedChannel trusted = console(open(), null);
        advance(ConsoleSession.LOGIN_TIME.minusSeconds(1), idle, slow, loggedIn, trusted);
        assertEquals(ConsoleWire.CHALLENGE, send(slow, ConsoleWire.AUTH, "LOGIN").type());
        assertEquals(ConsoleWire.CHALLENGE, send(loggedIn, ConsoleWire.AUTH, "LOGIN " + b64("john")).type());
        assertEquals("Authenticated as john\n", send(loggedIn, ConsoleWire.AUTH, b64("secret")).text());
        advance(Duration.ofSeconds(1), idle, slow, loggedIn, trusted);
        assertEquals(new Reply(ConsoleWire.TEXT, ConsoleSession.LOGIN_TIMED_OUT), reply(idle));
        assertFalse(idle.isOpen());
        assertTrue(slow.isOpen(), "each answer gives a new LOGIN_TIME");
        advance(ConsoleSession.LOGIN_TIME, slow, loggedIn, trusted);
        assertFalse(slow.isOpen());
        assertTrue(loggedIn.isOpen());
        assertTrue(trusted.isOpen());
    }

    @Test
    void clientTextReachesTheLogEscapedAndTheMechanismOnlyWhenKnown() throws Exception {
        ConsoleAuth auth = new ConsoleAuth(Map.of(Mechanism.LOGIN, store("john:secret\n")), false, false, false);
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(ConsoleSession.class.getName());
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.ALL);
        log.addHandler(handler);
        try {
            EmbeddedChannel channel = console(auth, null);
            send(channel, ConsoleWire.AUTH, "Q\n[SEVERE] forged\t" + "Q".repeat(60_000));
            channel.writeInbound(request(ConsoleWire.AUTH, "LOGIN " + b64("john")));
            advance(LoginThrottle.FIRST_DELAY, channel);
            send(channel, ConsoleWire.AUTH, b64("secret"));
            send(channel, ConsoleWire.COMMAND, "frob\n[SEVERE] forged " + "x".repeat(1000));
        } finally {
            log.removeHandler(handler);
            log.setLevel(level);
        }
        assertTrue(logged.stream().anyMatch(m -> m.contains("an unknown mechanism")), logged.toString());
        for (String message : logged) {
            assertFalse(message.contains("\n") || message.contains("\t"), message);
            assertFalse(message.contains("Q[SEVERE]") || message.contains("Q\\n"), "unknown mechanism quoted: " + message);
            assertTrue(message.length() < 400, message);
        }
        assertTrue(logged.stream().anyMatch(m -> m.contains("\"frob\\n[SEVERE] forged x")), logged.toString());
    }

    @Test
    void alwaysDenyFailsEvenTheRightPassword() throws Exception {
        ConsoleAuth auth = new ConsoleAuth(Map.of(Mechanism.LOGIN, store("john:secret\n")), false, true, true);
        EmbeddedChannel channel = console(auth, null);
        assertEquals(ConsoleWire.AUTH_REQUIRED, send(channel, ConsoleWire.COMMAND, "version").type());
        assertEquals(ConsoleWire.AUTH_REQUIRED, send(channel, ConsoleWire.AUTH, "LOGIN").type());
    }

    @Test
    void anUnofferedMechanismFails() {
        EmbeddedChannel channel = console(new ConsoleAuth(Map.of(), false, false, false), null);
        assertEquals(new Reply(ConsoleWire.AUTH_REQUIRED, ""), send(channel, ConsoleWire.AUTH, "DIGEST-MD5"));
    }

    @Test
    void authorizationAllowsOnlyWhatARoleMatches() {
        Permissions roles = new Permissions(
                Map.of("admin", List.of(Pattern.compile("^config"), Pattern.compile("^summary$"))),
                Map.of("anonymous", Set.of("admin")));
        EmbeddedChannel channel = console(open(), roles);
        assertEquals(ConsoleSession.NOT_AUTHORIZED, send(channel, ConsoleWire.COMMAND, "version").text());
        assertEquals(ConsoleSession.NOT_AUTHORIZED, send(channel, ConsoleWire.COMMAND, "summary reset").text());
        assertEquals(ConsoleSession.UNKNOWN, send(channel, ConsoleWire.COMMAND, "summary").text());
        assertEquals(List.of("summary"), ran.stream().map(ControlCommand::line).toList());
    }

    @Test
    void quitClosesWithoutAReply() {
        EmbeddedChannel channel = console(open(), null);
        channel.writeInbound(request(ConsoleWire.COMMAND, "quit"));
        assertNull(reply(channel));
        assertFalse(channel.isOpen());
    }

    @Test
    void anUnknownFrameTypeIsNamedAndTheConnectionClosed() {
        EmbeddedChannel channel = console(open(), null);
        Reply bad = send(channel, 7, "version");
        assertEquals(new Reply(ConsoleWire.TEXT, "Bad frame: request type 7 (expected 1 COMMAND or 3 AUTH)\n"), bad);
        assertFalse(channel.isOpen());
    }

    @Test
    void groupsFileGivesUsersTheirRoles() throws Exception {
        Path groups = Files.writeString(dir.resolve("roles"), "# roles\nadmin:john,mary\nroot:unused:root\n\n");
        Map<String, Set<String>> members = Permissions.readGroups("groups://" + groups);
        assertEquals(Set.of("admin"), members.get("john"));
        assertEquals(Set.of("root"), members.get("root"));
        Path bad = Files.writeString(dir.resolve("bad"), "admin\n");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> Permissions.readGroups("groups://" + bad));
        assertTrue(e.getMessage().contains(bad + ":1: expected ROLE:USER,USER"), e.getMessage());
    }
}
