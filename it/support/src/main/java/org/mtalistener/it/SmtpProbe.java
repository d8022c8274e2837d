package org.mtalistener.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A raw SMTP client that reads the greeting and the EHLO reply, from a chosen local address (127.0.0.0/8). */
public final class SmtpProbe {

    private SmtpProbe() {
    }

    /** The greeting line, then the EHLO reply lines, then closes with QUIT. */
    public static List<String> greetingAndEhlo(int port, String from) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            lines.add(in.readLine());
            OutputStream out = socket.getOutputStream();
            out.write("EHLO probe.test\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                if (line.length() > 3 && line.charAt(3) == ' ') {
                    break;
                }
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return lines;
        }
    }
}
