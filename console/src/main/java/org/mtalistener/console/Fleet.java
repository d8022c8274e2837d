package org.mtalistener.console;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends one command to every node's console at once, a connection each, and gathers the answers in the order the
 * nodes were named. A node that cannot be reached, or does not answer within {@link #REPLY_TIMEOUT}, gives a problem,
 * not a hang: the others still answer.
 */
final class Fleet {

    /** Long enough for a {@code config reload} on a busy node; a node that takes longer is reported, not awaited. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    private static final int MOST_AT_ONCE = 32;

    private final List<Endpoint> nodes;
    /** The password of each user named in an endpoint. */
    private final Map<String, char[]> passwords;

    Fleet(List<Endpoint> nodes, Map<String, char[]> passwords) {
        this.nodes = List.copyOf(nodes);
        this.passwords = passwords;
    }

    List<NodeAnswer> ask(String command) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(nodes.size(), MOST_AT_ONCE), task -> {
            Thread thread = new Thread(task, "console-fleet");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<NodeAnswer>> pending = new ArrayList<>();
            for (Endpoint node : nodes) {
                pending.add(pool.submit(() -> ask(node, command)));
            }
            List<NodeAnswer> answers = new ArrayList<>();
            for (Future<NodeAnswer> answer : pending) {
                answers.add(answer.get());
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the fleet", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private NodeAnswer ask(Endpoint node, String command) {
        try (ConsoleConnection connection = ConsoleConnection.open(node, REPLY_TIMEOUT)
                .credentials(node.user(), node.user() == null ? null : passwords.get(node.user()))) {
            String output = connection.run(command);
            return new NodeAnswer(node, output, null,
                    ConsoleReply.refusal(output) ? ConsoleClient.REFUSED : ConsoleClient.OK);
        } catch (AuthenticationException e) {
            return new NodeAnswer(node, null, e.getMessage(), ConsoleClient.REFUSED);
        } catch (IllegalArgumentException e) {
            return new NodeAnswer(node, null, node.where() + ": not sent: " + e.getMessage(), ConsoleClient.REFUSED);
        } catch (IOException e) {
            return new NodeAnswer(node, null, ConsoleClient.problem(node, e), ConsoleClient.UNREACHABLE);
        }
    }
}
