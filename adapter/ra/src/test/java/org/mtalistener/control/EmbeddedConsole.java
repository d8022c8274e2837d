package org.mtalistener.control;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;

/** A console session on an {@link EmbeddedChannel}, a TCP client's, whose commands run at once on the test's thread. */
final class EmbeddedConsole {

    private EmbeddedConsole() {
    }

    static EmbeddedChannel open(ConsoleAuth auth, Permissions authorization, CommandRunner commands) {
        ConsoleSettings settings = new ConsoleSettings("Control_Listener 127.0.0.1:2025", Duration.ofSeconds(60),
                auth, authorization, "console.test");
        EmbeddedChannel channel = new EmbeddedChannel();
        new ConsoleProtocol(commands, Runnable::run).initChannel(channel, settings);
        return channel;
    }
}
