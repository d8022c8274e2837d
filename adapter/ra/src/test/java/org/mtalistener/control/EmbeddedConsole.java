package org.mtalistener.control;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A console session on an {@link EmbeddedChannel}, a TCP client's, whose commands run at once on the test's thread. */
final class EmbeddedConsole {

    private EmbeddedConsole() {
    }

    /**
     * With a login throttle whose clock jumps an hour at every reading, so it forgets every failure at once: a
     * fuzzer's attempts are never held.
     */
    static EmbeddedChannel open(ConsoleAuth auth, Permissions authorization, CommandRunner commands) {
        AtomicLong hours = new AtomicLong();
        return open(auth, authorization, commands,
                new LoginThrottle(() -> hours.addAndGet(LoginThrottle.MEMORY.toNanos() * 4)));
    }

    /** On frozen time (the test moves it with {@code advanceTimeBy}), with {@code throttle}. */
    static EmbeddedChannel open(ConsoleAuth auth, Permissions authorization, CommandRunner commands,
                                LoginThrottle throttle) {
        ConsoleSettings settings = new ConsoleSettings("Control_Listener 127.0.0.1:2025", Duration.ofSeconds(60),
                auth, authorization, "console.test");
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        new ConsoleProtocol(commands, Runnable::run, throttle).initChannel(channel, settings);
        return channel;
    }
}
