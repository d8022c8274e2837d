package org.mtalistener.net;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkAdapter;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An {@link Executor} whose tasks run as JCA {@link Work} on the container's threads, so the adapter never starts a
 * thread of its own. Tasks are queued with {@code scheduleWork}: it returns at once, where {@code startWork} would
 * block its caller (an event loop) until a pool thread is free.
 */
public final class WorkManagerExecutor implements Executor {

    private static final Logger LOG = Logger.getLogger(WorkManagerExecutor.class.getName());

    private final WorkManager workManager;
    private final String purpose;
    private final WorkAdapter rejectionLog = new WorkAdapter() {
        @Override
        public void workRejected(WorkEvent event) {
            LOG.log(Level.SEVERE, "the container's WorkManager rejected " + purpose + " work; is its thread pool too small?",
                    event.getException());
        }
    };

    /** @param purpose what the tasks are for, in log messages (e.g. "event loop", "delivery") */
    public WorkManagerExecutor(WorkManager workManager, String purpose) {
        this.workManager = workManager;
        this.purpose = purpose;
    }

    @Override
    public void execute(Runnable task) {
        try {
            workManager.scheduleWork(new RunnableWork(task), WorkManager.INDEFINITE, null, rejectionLog);
        } catch (WorkException e) {
            throw new RejectedExecutionException("the container's WorkManager refused " + purpose + " work", e);
        }
    }

    private record RunnableWork(Runnable task) implements Work {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public void release() {
            // Event loops end when their group shuts down and deliveries are bounded; nothing to interrupt here.
        }
    }
}
