package org.mtalistener.control;

import org.mtalistener.api.ControlCommand;

/** Runs console commands. */
@FunctionalInterface
public interface CommandRunner {

    /**
     * Runs one command on a container thread (never an event loop: it may read files or call the MDB).
     *
     * @return the output, or null when the command is unknown here
     */
    String run(ControlCommand command) throws Exception;
}
