package org.mtalistener.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** What every protocol session does with its event loop when a delivery or the disk made it wait. */
public final class SessionLoop {

    private SessionLoop() {
    }

    /** A wait on our side is not the client idling: give it a whole idle period from now. */
    public static void resetIdleTimer(ChannelHandlerContext ctx) {
        IdleStateHandler idle = ctx.pipeline().get(IdleStateHandler.class);
        if (idle != null) {
            idle.resetReadTimeout();
        }
    }

    /**
     * Runs {@code task} on the session's event loop, where its state belongs; a loop already shut down (the listener
     * stopped) drops it, logged at FINE for {@code session}.
     */
    public static void execute(ChannelHandlerContext ctx, Runnable task, Logger log, Supplier<String> session) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            log.fine(() -> session.get() + ": event loop gone, dropped " + task);
        }
    }
}
