package org.mtalistener.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.Mailbox.assertStoredExactly;
import static org.mtalistener.it.TestMessages.message;
import static org.mtalistener.it.TestMessages.token;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.mtalistener.console.ConsoleConnection;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.it.Mailbox;
import org.mtalistener.it.Ports;
import org.mtalistener.it.RecipientCheckScenario;
import org.mtalistener.it.RecipientCheckingMdb;
import org.mtalistener.it.SmtpSend;

/**
 * The EAR as built (RAR + sample MDB) on WildFly's standalone-full profile, plus one module of test MDBs: the
 * sample's MDB and descriptors are untouched but for the default conf's sockets, moved to {@link Ports} (the same
 * on the default port base).
 */
@ExtendWith(ArquillianExtension.class)
class EarOnWildFlyIT {

    private static final String TEST_MODULE = "test-mdbs.jar";
    private static final String SAMPLE_MODULE = "sample-mdb.jar";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        // The name matters: the MDBs' jboss-ejb3.xml bind to "mta-listener.ear#mta-listener.rar".
        EnterpriseArchive ear =
                ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
        // In the EAR, the module sees the RAR's API and the sample's Maildir (subdeployments are not isolated).
        JavaArchive mdbs = ShrinkWrap.create(JavaArchive.class, TEST_MODULE)
                .addClasses(RecipientCheckTestMdb.class, RecipientCheckingMdb.class)
                .addAsManifestResource(new StringAsset("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <jboss:ejb-jar xmlns:jboss="urn:jboss:ejb-jar:4.0" xmlns="https://jakarta.ee/xml/ns/jakartaee"
                                       xmlns:mdb="urn:resource-adapter-binding" version="4.0" impl-version="2.0">
                          <assembly-descriptor>
                            <mdb:resource-adapter-binding>
                              <ejb-name>RecipientCheckTestMdb</ejb-name>
                              <mdb:resource-adapter-name>mta-listener.ear#mta-listener.rar</mdb:resource-adapter-name>
                            </mdb:resource-adapter-binding>
                          </assembly-descriptor>
                        </jboss:ejb-jar>
                        """), "jboss-ejb3.xml");
        // application.xml lists the modules: the new one goes after the last
        String applicationXml = read(ear.get("META-INF/application.xml").getAsset());
        int last = applicationXml.lastIndexOf("</module>");
        if (last < 0) {
            throw new IllegalStateException("no <module> in the EAR's application.xml: " + applicationXml);
        }
        last += "</module>".length();
        ear.setApplicationXML(new StringAsset(applicationXml.substring(0, last)
                + "\n  <module>\n    <ejb>" + TEST_MODULE + "</ejb>\n  </module>" + applicationXml.substring(last)));
        return ear.addAsModule(mdbs).addAsModule(onTestPorts(ear));
    }

    /** The sample module with the default conf's listen addresses replaced by the test's. */
    private static JavaArchive onTestPorts(EnterpriseArchive ear) {
        JavaArchive sample;
        try (InputStream in = ear.get(SAMPLE_MODULE).getAsset().openStream()) {
            sample = ShrinkWrap.create(ZipImporter.class, SAMPLE_MODULE).importFrom(in).as(JavaArchive.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String ejbJar = read(sample.get("META-INF/ejb-jar.xml").getAsset())
                .replace(">127.0.0.1:2525<", ">127.0.0.1:" + Ports.SAMPLE + "<")
                .replace(">127.0.0.1:1825<", ">127.0.0.1:" + Ports.SAMPLE_ECSTREAM + "<")
                .replace(">127.0.0.1:2081<", ">127.0.0.1:" + Ports.SAMPLE_HTTP + "<")
                .replace(">/tmp/2025<", ">" + Ports.CONSOLE_UNIX_SOCKET + "<");
        ear.delete(SAMPLE_MODULE);
        sample.delete("META-INF/ejb-jar.xml");
        return sample.addAsManifestResource(new StringAsset(ejbJar), "ejb-jar.xml");
    }

    private static String read(Asset asset) {
        try (InputStream in = asset.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void messagesAreStoredByteForByte() throws Exception {
        for (String body : new String[] {"Hello WildFly.\r\n", "..dot-stuffed line\r\n.\r\n8-bit: \u00e9t\u00e9\r\n"}) {
            String token = token();
            byte[] raw = message(token, "text/plain; charset=UTF-8", "8bit", body);
            SmtpSend.Result result =
                    SmtpSend.send(Ports.SAMPLE, raw, "sender@client.test", "a@server.test", "b@server.test");
            assertEquals(250, result.code(), result.reply());
            assertStoredExactly(token, result.sent());
        }
    }

    @Test
    void theConsoleRunsOnItsUnixSocketWithTheSamplesCommand() throws Exception {
        // the default conf's Control_Listener; its MDB (a ControlListener) answers "maildir"
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(Path.of(Ports.CONSOLE_UNIX_SOCKET)));
        try (ConsoleConnection console = ConsoleConnection.open(Ports.CONSOLE_UNIX_SOCKET)) {
            String summary = console.run("summary");
            assertTrue(summary.contains("ESMTP_Listener 127.0.0.1:" + Ports.SAMPLE), summary);
            assertTrue(console.run("maildir").matches("(?s)\\d+ messages? in .*new\\n"));
        }
    }

    /** As it/payara's DeliveryIT: WildFly calls checkRecipient through its endpoint proxy like Payara does. */
    @Test
    void theMdbsRecipientCheckRefusesSomeRecipientsAndTheMessageGoesToTheOthers() throws Exception {
        RecipientCheckScenario.run(RecipientCheckTestMdb.PORT);
    }
}
