package org.mtalistener.it.ledger;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Sends a ledger's numbered messages over plain SMTP from many threads and records the final reply to each. Each
 * thread keeps its connection across messages, as an MTA does, and opens a new one after a failure. It retries
 * nothing: a message whose connection was refused or lost is recorded so, and the next number goes out (after a
 * pause that grows while the server stays away, so a restart does not use up the run).
 *
 * <pre>
 * java -cp it/support/target/classes org.mtalistener.it.ledger.LedgerClient --maildir=DIR[:DIR...]
 *      [--messages=1000] [--threads=16] [--port=3725] [--host=127.0.0.1] [--faults=true]
 * </pre>
 * prints the reconciliation with the Maildirs (several: the stores of a cluster's nodes, a message in any of them is
 * stored) and exits 1 if the promise was broken (see {@link Reconciliation}). {@code --faults=false} sends no
 * fault headers, for an MDB that stores whatever it takes (the sample's).
 */
public final class LedgerClient {

    private static final long FIRST_PAUSE = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long LONGEST_PAUSE = TimeUnit.SECONDS.toNanos(4);

    private final String host;
    private final int port;
    private final int threads;

    public LedgerClient(String host, int port, int threads) {
        this.host = host;
        this.port = port;
        this.threads = threads;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        if (!options.containsKey("maildir")) {
            throw new IllegalArgumentException("missing --maildir=DIR (the Maildir the ledger's MDB stores into)");
        }
        LedgerClient client = new LedgerClient(options.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(options.getOrDefault("port", String.valueOf(LedgerMdb.PORT))),
                Integer.parseInt(options.getOrDefault("threads", "16")));
        int messages = Integer.parseInt(options.getOrDefault("messages", "1000"));
        long start = System.nanoTime();
        Ledger ledger = client.send(messages, Boolean.parseBoolean(options.getOrDefault("faults", "true")));
        // the sending alone, for a rate: reading the stores back afterwards is not the server's time
        System.err.printf(Locale.ROOT, "ledger: sent %d messages in %.3f s%n", messages,
                (System.nanoTime() - start) / 1e9);
        Reconciliation result = ledger.reconcile(Stream.of(options.get("maildir").split(File.pathSeparator))
                .map(Path::of).toArray(Path[]::new));
        System.out.println(result.summary());
        result.details().forEach(System.out::println);
        System.exit(result.promiseKept() ? 0 : 1);
    }

    /** Sends {@code messages} messages of a new run (numbers 0 to messages - 1), faults among them; their ledger. */
    public Ledger send(int messages) throws InterruptedException {
        return send(messages, true);
    }

    /** Sends {@code messages} messages of a new run, with the ledger's faults or none, and returns their ledger. */
    public Ledger send(int messages, boolean faults) throws InterruptedException {
        Ledger ledger = new Ledger("run-" + UUID.randomUUID(), messages, faults);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        int step = Math.max(1, messages / 20);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                Sender sender = new Sender();
                try {
                    for (int n = next.getAndIncrement(); n < messages; n = next.getAndIncrement()) {
                        ledger.record(n, sender.deliver(LedgerMessage.compose(ledger.run(), n, ledger.fault(n))));
                        if (answered.incrementAndGet() % step == 0) {
                            System.err.printf("ledger: %d of %d sent%n", answered.get(), messages);
                        }
                    }
                } finally {
                    sender.close();
                }
            }, "ledger-" + t);
            thread.start();
            senders.add(thread);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        return ledger;
    }

    /** One thread's SMTP client: a connection kept across messages, opened anew after a failure. */
    private final class Sender implements Closeable {

        private Socket socket;
        private BufferedReader in;
        private OutputStream out;
        private long pause = FIRST_PAUSE;

        Outcome deliver(byte[] content) {
            boolean wholeMessageSent = false;
            try {
                if (socket == null) {
                    Reply refusal = connect();
                    if (refusal != null) {
                        close();
                        return Outcome.ofReply(refusal.code, refusal.text, false);
                    }
                }
                for (String command : new String[] {"MAIL FROM:<ledger@client.test>", "RCPT TO:<ledger@server.test>",
                                                    "DATA"}) {
                    Reply reply = command(command);
                    if (reply.code != (command.equals("DATA") ? 354 : 250)) {
                        close();
                        return Outcome.ofReply(reply.code, reply.text, false);
                    }
                }
                out.write(content);
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                wholeMessageSent = true;
                Reply reply = reply();
                if (reply.code == 421) {
                    close();
                }
                return Outcome.ofReply(reply.code, reply.text, true);
            } catch (IOException e) {
                close();
                if (e instanceof ConnectException) {
                    LockSupport.parkNanos(pause); // the server is away (restarting): wait for it a little longer each time
                    pause = Math.min(pause * 2, LONGEST_PAUSE);
                }
                return Outcome.lost(wholeMessageSent, e.toString());
            }
        }

        /** Opens a connection and greets; returns the server's refusal (not 220, or EHLO not 250), or null. */
        private Reply connect() throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(120_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            Reply greeting = reply();
            if (greeting.code != 220) {
                return greeting;
            }
            pause = FIRST_PAUSE;
            Reply ehlo = command("EHLO ledger.client.test");
            return ehlo.code == 250 ? null : ehlo;
        }

        private Reply command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        /** One reply, multi-line or not: its code and its last line. */
        private Reply reply() throws IOException {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
                    throw new IOException("not an SMTP reply: " + line);
                }
                if (line.length() == 3 || line.charAt(3) != '-') {
                    return new Reply(Integer.parseInt(line.substring(0, 3)), line);
                }
            }
            throw new EOFException("connection closed without a reply");
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing a broken connection: nothing the ledger needs to know
                }
                socket = null;
            }
        }
    }

    private record Reply(int code, String text) {
    }
}
