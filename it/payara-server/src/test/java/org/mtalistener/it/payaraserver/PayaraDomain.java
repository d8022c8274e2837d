package org.mtalistener.it.payaraserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A Payara Server domain of the test's own, driven with {@code asadmin} as an operator drives it: created with every
 * port moved by {@code --portbase}, every listener put on 127.0.0.1 and the Data Grid (Hazelcast) switched off before
 * its first start (and the JMS broker, which the adapter does not need), then started, deployed to and stopped.
 */
final class PayaraDomain {

    private static final String NAME = "mta-listener-it";
    private static final long COMMAND_MINUTES = 5;

    private final Path asadmin;
    private final Path domains;
    private final int portBase;

    PayaraDomain(Path payaraHome, Path domains, int portBase) {
        this.asadmin = payaraHome.resolve("bin/asadmin");
        this.domains = domains;
        this.portBase = portBase;
    }

    int adminPort() {
        return portBase + 48;
    }

    int httpPort() {
        return portBase + 80;
    }

    Path log() {
        return domains.resolve(NAME).resolve("logs/server.log");
    }

    /** The server's process id, while it runs. */
    long pid() throws IOException {
        return Long.parseLong(Files.readString(domains.resolve(NAME).resolve("config/pid")).trim());
    }

    /** A new domain (any left by an earlier run goes), its JVM given {@code jvmOptions}. */
    void create(String... jvmOptions) throws Exception {
        if (Files.exists(domains.resolve(NAME))) {
            asadmin("delete-domain", "--domaindir", domains.toString(), NAME);
        }
        asadmin("create-domain", "--portbase", Integer.toString(portBase), "--nopassword", "--domaindir",
                domains.toString(), NAME);
        onLoopbackWithoutDataGrid(domains.resolve(NAME).resolve("config/domain.xml"), jvmOptions);
    }

    void start() throws Exception {
        asadmin("start-domain", "--domaindir", domains.toString(), NAME);
    }

    void stop() throws Exception {
        asadmin("stop-domain", "--domaindir", domains.toString(), NAME);
    }

    /** Deploys an archive or a directory under {@code name}; deploy fails when the application does not start. */
    void deploy(Path archive, String name) throws Exception {
        remote("deploy", "--name", name, archive.toString());
    }

    void undeploy(String name) throws Exception {
        remote("undeploy", name);
    }

    /** A command to the running server's admin port (never the default 4848). */
    String remote(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", Integer.toString(adminPort())));
        args.addAll(List.of(command));
        return asadmin(args.toArray(String[]::new));
    }

    private String asadmin(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(asadmin.toString(), "--interactive=false"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("asadmin", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": no answer in " + COMMAND_MINUTES
                        + " minutes");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "):\n" + text);
            }
            return text;
        } finally {
            Files.delete(output);
        }
    }

    /**
     * The server's own configuration ({@code server-config}): every HTTP, IIOP and JMX listener on 127.0.0.1 (the
     * domain is created with 0.0.0.0, or no address, which is the same), no Data Grid (it would listen on a real
     * interface and look for other members), no JMS broker, and the JVM options given.
     */
    private static void onLoopbackWithoutDataGrid(Path domainXml, String... jvmOptions) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Document doc = factory.newDocumentBuilder().parse(domainXml.toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        String server = "/domain/configs/config[@name='server-config']";
        NodeList listeners = (NodeList) xpath.evaluate(server + "//network-listener | " + server
                + "//iiop-listener | " + server + "//jmx-connector", doc, XPathConstants.NODESET);
        for (int i = 0; i < listeners.getLength(); i++) {
            ((Element) listeners.item(i)).setAttribute("address", "127.0.0.1");
        }
        Element dataGrid = (Element) xpath.evaluate(server + "/hazelcast-config-specific-configuration", doc,
                XPathConstants.NODE);
        dataGrid.setAttribute("enabled", "false");
        // the adapter needs no JMS; the embedded broker, started with the first MDB, would listen on every interface.
        // A new domain's server-config has no jms-service until its first start adds one like default-config's.
        Element jms = (Element) ((Element) xpath.evaluate("/domain/configs/config[@name='default-config']/jms-service",
                doc, XPathConstants.NODE)).cloneNode(true);
        jms.setAttribute("type", "DISABLED");
        Element serverConfig = (Element) xpath.evaluate(server, doc, XPathConstants.NODE);
        Element existing = (Element) xpath.evaluate(server + "/jms-service", doc, XPathConstants.NODE);
        if (existing != null) {
            serverConfig.removeChild(existing);
        }
        serverConfig.appendChild(jms);
        Element java = (Element) xpath.evaluate(server + "/java-config", doc, XPathConstants.NODE);
        for (String option : jvmOptions) {
            Element element = doc.createElement("jvm-options");
            element.setTextContent(option);
            java.appendChild(element);
        }
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.transform(new DOMSource(doc), new StreamResult(domainXml.toFile()));
    }
}
