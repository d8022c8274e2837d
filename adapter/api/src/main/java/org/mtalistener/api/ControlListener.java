package org.mtalistener.api;

/**
 * The message listener interface of the console (Control_Listener): an MDB implements it to add commands of its own
 * to the adapter's console.
 *
 * <p>The adapter answers its own commands ({@code config}, {@code summary}, {@code show inbound}, {@code version},
 * {@code help}, ...) itself; a command it does not know, and that the session is authorized to run, comes here. An
 * MDB that adds no commands returns {@code null} for everything.
 */
public interface ControlListener {

    /**
     * Runs one console command.
     *
     * @return the text the console shows, or {@code null} when the application does not know the command either
     *         (the console then says {@code Unknown command})
     */
    String onCommand(ControlCommand command);
}
