package org.mtalistener.control;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.concurrent.Executor;

/** The console for one Control_Listener: builds the pipeline of each accepted connection. */
public final class ConsoleProtocol {

    private final CommandRunner commands;
    private final Executor workers;
    private final LoginThrottle throttle;

    /**
     * @param commands runs what an authorized client asks for
     * @param workers  container threads for the commands
     */
    public ConsoleProtocol(CommandRunner commands, Executor workers) {
        this(commands, workers, new LoginThrottle(System::nanoTime));
    }

    /** @param throttle the failed logins of this listener's clients, which every session of it shares */
    ConsoleProtocol(CommandRunner commands, Executor workers, LoginThrottle throttle) {
        this.commands = commands;
        this.workers = workers;
        this.throttle = throttle;
    }

    public void initChannel(Channel channel, ConsoleSettings settings) {
        ChannelPipeline pipeline = channel.pipeline();
        ConsoleDecoder decoder = new ConsoleDecoder();
        pipeline.addLast("console-decoder", decoder);
        pipeline.addLast("console-session", new ConsoleSession(settings, commands, workers, decoder, throttle));
    }

    /** A connection over a session limit: closed at once (the console has no greeting to refuse with). */
    public void refuse(Channel channel) {
        channel.close();
    }
}
