package org.mtalistener.console;

/**
 * One node's answer to a command sent to the fleet.
 *
 * @param endpoint the node's console
 * @param output   what the command printed (a refusal included); null when there is a problem instead
 * @param problem  why there is no output: the connection, or the authentication, failed; null otherwise
 * @param status   {@link ConsoleClient}'s exit status for this node alone
 */
record NodeAnswer(Endpoint endpoint, String output, String problem, int status) {

    /** Whether the command ran and was not refused: the output is what the command prints. */
    boolean answered() {
        return status == ConsoleClient.OK;
    }

    /** The node's name in a column head or before its lines: the endpoint without the user. */
    String node() {
        return endpoint.where();
    }
}
