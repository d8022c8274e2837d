package org.mtalistener.it.payara;

import java.util.List;

/** The Payara Micro that Arquillian started from this test JVM, as the operating system sees it. */
final class PayaraMicroProcess {

    private PayaraMicroProcess() {
    }

    static ProcessHandle started() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Payara Micro started by this JVM"));
    }

    /** Its HTTP port: Arquillian picks a free one and names it on the command line ({@code --port N}). */
    static int httpPort() {
        List<String> arguments = List.of(started().info().arguments().orElseThrow());
        int at = arguments.indexOf("--port");
        if (at < 0 || at + 1 >= arguments.size()) {
            throw new IllegalStateException("no --port in Payara Micro's command line: " + arguments);
        }
        return Integer.parseInt(arguments.get(at + 1));
    }
}
