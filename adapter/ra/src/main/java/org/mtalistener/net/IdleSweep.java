package org.mtalistener.net;

import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The idle timer of every session on one event loop: a task that looks at each session's last read once a
 * {@link #TICK} and tells a session idle for its idle time so, as Netty's {@code IdleStateHandler} would (a reader-idle
 * {@link IdleStateEvent} down its pipeline, again after each further idle time). One task and two links a session,
 * where a handler of its own and a scheduled task cost each session about 300 bytes: 10,000 idle sessions were 3 MB.
 * An idle session is told so within a tick of its idle time.
 *
 * <p>One sweep a loop, whatever listener its sessions are of; it runs while it has sessions. Everything here runs on
 * that loop: the sessions join, leave and are swept there, so nothing is locked.
 */
final class IdleSweep implements Runnable {

    static final long TICK = TimeUnit.SECONDS.toNanos(1);

    /** The sweeps of the loops that have sessions with an idle time; each loop adds and removes its own. */
    private static final ConcurrentMap<EventExecutor, IdleSweep> SWEEPS = new ConcurrentHashMap<>();

    private final EventExecutor loop;
    /** The sessions, linked through {@link ProtocolSession#idlePrevious} and {@link ProtocolSession#idleNext}. */
    private ProtocolSession first;
    private boolean scheduled;

    private IdleSweep(EventExecutor loop) {
        this.loop = loop;
    }

    /** The loop's clock (a test's embedded loop can move it). */
    static long now(EventExecutor loop) {
        return loop.ticker().nanoTime();
    }

    /** {@code session} is swept from now on. Call on its loop. */
    static void join(EventExecutor loop, ProtocolSession session) {
        SWEEPS.computeIfAbsent(loop, IdleSweep::new).add(session);
    }

    /** {@code session} is swept no more (it may have left already). Call on its loop. */
    static void leave(EventExecutor loop, ProtocolSession session) {
        IdleSweep sweep = SWEEPS.get(loop);
        if (sweep != null) {
            sweep.remove(session);
        }
    }

    private boolean holds(ProtocolSession session) {
        return first == session || session.idlePrevious != null;
    }

    private void add(ProtocolSession session) {
        if (holds(session)) {
            return;
        }
        session.idleNext = first;
        if (first != null) {
            first.idlePrevious = session;
        }
        first = session;
        if (!scheduled) {
            scheduled = true;
            loop.schedule(this, TICK, TimeUnit.NANOSECONDS);
        }
    }

    private void remove(ProtocolSession session) {
        if (!holds(session)) {
            return;
        }
        if (session.idlePrevious != null) {
            session.idlePrevious.idleNext = session.idleNext;
        } else {
            first = session.idleNext;
        }
        if (session.idleNext != null) {
            session.idleNext.idlePrevious = session.idlePrevious;
        }
        session.idlePrevious = null;
        session.idleNext = null;
        if (first == null) {
            // a loop that stops (its listener stopped) closes its sessions but runs no more ticks
            SWEEPS.remove(loop, this);
        }
    }

    @Override
    public void run() {
        long now = now(loop);
        for (ProtocolSession session = first, next; session != null; session = next) {
            next = session.idleNext;
            if (!session.channelOpen()) {
                remove(session); // closed before it could say so (its session never opened)
            } else if (now - session.lastRead >= session.idleNanos) {
                session.lastRead = now; // the next word after a further idle time, as IdleStateHandler's
                session.channelPipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
            }
        }
        if (first == null) {
            scheduled = false;
            SWEEPS.remove(loop, this);
        } else {
            loop.schedule(this, TICK, TimeUnit.NANOSECONDS);
        }
    }
}
