package org.mtalistener.conf.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

class DescriptorsTest {

    private static final String JAKARTA = "https://jakarta.ee/xml/ns/jakartaee";

    private static final String CONF = """
            ESMTP_Listener {
              Max_Concurrent_Deliveries = 20
              Listen "127.0.0.1:2525" {
                Peer "127.0.0.2" { Banner_Hostname = "peer.example"  Max_Message_Size = 2000 }
              }
              Listen "[::1]:2525" { Max_Concurrent_Deliveries = 4 }
            }
            """;

    @Test
    void ejbJarHasOneMessageDrivenBeanPerActivationWithItsPropertiesInOrder() throws Exception {
        List<Activations.Activation> activations = Mapped.activations(CONF);
        Document xml = Mapped.parse(Descriptors.ejbJar(activations, "test.conf"));

        Element root = xml.getDocumentElement();
        assertEquals(JAKARTA, root.getNamespaceURI());
        assertEquals("ejb-jar", root.getLocalName());
        assertEquals("4.0", root.getAttribute("version"));
        List<Element> beans = elements(root, "message-driven");
        assertEquals(2, beans.size());
        for (int i = 0; i < beans.size(); i++) {
            Element bean = beans.get(i);
            Activations.Activation activation = activations.get(i);
            assertEquals(List.of("ejb-name", "ejb-class", "messaging-type", "transaction-type", "activation-config"),
                    children(bean).stream().map(Element::getLocalName).toList(), "the schema's order");
            assertEquals(activation.ejbName(), text(bean, "ejb-name"));
            assertEquals(Mapped.MDB, text(bean, "ejb-class"));
            assertEquals("org.mtalistener.api.MailListener", text(bean, "messaging-type"));
            assertEquals("Container", text(bean, "transaction-type"));
            Map<String, String> properties = new LinkedHashMap<>();
            for (Element property : elements(bean, "activation-config-property")) {
                properties.put(text(property, "activation-config-property-name"),
                        text(property, "activation-config-property-value"));
            }
            assertEquals(List.copyOf(activation.properties().entrySet()), List.copyOf(properties.entrySet()));
        }
        List<Element> transactions = elements(root, "container-transaction");
        assertEquals(activations.stream().map(Activations.Activation::ejbName).toList(),
                transactions.stream().map(t -> text(t, "ejb-name")).toList());
        transactions.forEach(t -> assertEquals("Required", text(t, "trans-attribute")));
        transactions.forEach(t -> assertEquals("*", text(t, "method-name")));
    }

    @Test
    void theConsoleBeanIsAControlListenerOfItsOwnClassOutsideTransactionsWithASmallPool() throws Exception {
        List<Activations.Activation> activations = Activations.of(Mapped.conf(CONF
                + "Control_Listener { Listen \"/tmp/2025\" { } }"), Mapped.MDB, "com.example.Console", new ArrayList<>());
        Element root = Mapped.parse(Descriptors.ejbJar(activations, "test.conf")).getDocumentElement();
        List<Element> beans = elements(root, "message-driven");
        assertEquals(List.of(Mapped.MDB, Mapped.MDB, "com.example.Console"),
                beans.stream().map(b -> text(b, "ejb-class")).toList());
        assertEquals(List.of("org.mtalistener.api.MailListener", "org.mtalistener.api.MailListener",
                "org.mtalistener.api.ControlListener"), beans.stream().map(b -> text(b, "messaging-type")).toList());
        assertEquals(List.of("Required", "Required", "NotSupported"),
                elements(root, "container-transaction").stream().map(t -> text(t, "trans-attribute")).toList());
        List<Element> pools = elements(Mapped.parse(Descriptors.glassfish(activations, Mapped.BINDING, "test.conf"))
                .getDocumentElement(), "bean-pool");
        assertEquals(List.of("40", "32", "4"), pools.stream().map(p -> text(p, "max-pool-size")).toList());
        assertEquals("4", text(pools.get(2), "resize-quantity"));
    }

    @Test
    void glassfishBindsEachBeanToTheAdapterWithAPoolAboveItsDeliveryCap() throws Exception {
        List<Activations.Activation> activations = Mapped.activations(CONF);
        Document xml = Mapped.parse(Descriptors.glassfish(activations, Mapped.BINDING, "test.conf"));
        assertEquals("glassfish-ejb-jar", xml.getDocumentElement().getTagName());
        assertEquals("-//GlassFish.org//DTD GlassFish Application Server 3.1 EJB 3.1//EN",
                xml.getDoctype().getPublicId());
        List<Element> ejbs = elements(xml.getDocumentElement(), "ejb");
        assertEquals(List.of("InboundMail-ESMTP_Listener-127.0.0.1-2525", "InboundMail-ESMTP_Listener-1-2525"),
                ejbs.stream().map(e -> text(e, "ejb-name")).toList());
        ejbs.forEach(e -> assertEquals("mta-listener", text(e, "resource-adapter-mid")));
        // twice the cap, at least 32: 20 → 40, 4 → 32
        assertEquals(List.of("40", "32"), ejbs.stream().map(e -> text(e, "max-pool-size")).toList());
        ejbs.forEach(e -> assertEquals("0", text(e, "steady-pool-size")));
    }

    @Test
    void thePoolStaysAboveTheCapForTheLargestCap() throws Exception {
        List<Activations.Activation> activations = Mapped.activations(
                "ESMTP_Listener { Listen \":25\" { Max_Concurrent_Deliveries = 2147483647 } }");
        Document xml = Mapped.parse(Descriptors.glassfish(activations, Mapped.BINDING, "test.conf"));
        assertEquals("2147483647", text(xml.getDocumentElement(), "max-pool-size"));
    }

    @Test
    void jbossBindsEachBeanToTheRarInTheEar() throws Exception {
        List<Activations.Activation> activations = Mapped.activations(CONF);
        Document xml = Mapped.parse(Descriptors.jboss(activations, Mapped.BINDING, "test.conf"));
        Element root = xml.getDocumentElement();
        assertEquals("ejb-jar", root.getLocalName());
        List<Element> bindings = new ArrayList<>();
        NodeList all = root.getElementsByTagNameNS("urn:resource-adapter-binding", "resource-adapter-binding");
        for (int i = 0; i < all.getLength(); i++) {
            bindings.add((Element) all.item(i));
        }
        assertEquals(activations.stream().map(Activations.Activation::ejbName).toList(),
                bindings.stream().map(b -> text(b, "ejb-name")).toList());
        bindings.forEach(b -> assertEquals("mta-listener.ear#mta-listener.rar",
                b.getElementsByTagNameNS("urn:resource-adapter-binding", "resource-adapter-name").item(0)
                        .getTextContent()));
    }

    @Test
    void everythingWrittenIsEscapedAndReadsBackAsItWas() throws Exception {
        String mdb = "com.example.A<B>&\"C'";
        Descriptors.Binding binding = new Descriptors.Binding("ra & <co>", "x.ear#\"y\".rar");
        String source = "/etc/mta--conf/a---b & <c>.conf-";
        List<Activations.Activation> activations = Activations.of(Mapped.conf(CONF), mdb, new ArrayList<>());

        Document ejbJar = Mapped.parse(Descriptors.ejbJar(activations, source));
        assertEquals(mdb, text(ejbJar.getDocumentElement(), "ejb-class"));
        assertEquals("Peer \"127.0.0.2/32\" { Banner_Hostname = peer.example Max_Message_Size = 2000 }",
                activations.get(0).properties().get(Activations.LISTEN_PEERS));
        assertTrue(Descriptors.ejbJar(activations, source).contains("<activation-config-property-value>"
                + "Peer &quot;127.0.0.2/32&quot; { Banner_Hostname = peer.example Max_Message_Size = 2000 }"
                + "</activation-config-property-value>"));
        Document glassfish = Mapped.parse(Descriptors.glassfish(activations, binding, source));
        assertEquals("ra & <co>", text(glassfish.getDocumentElement(), "resource-adapter-mid"));
        Document jboss = Mapped.parse(Descriptors.jboss(activations, binding, source));
        assertEquals("x.ear#\"y\".rar", jboss.getElementsByTagNameNS("urn:resource-adapter-binding",
                "resource-adapter-name").item(0).getTextContent());

        // the source is named in a comment, which cannot hold "--"
        for (Document document : List.of(ejbJar, glassfish, jboss)) {
            Comment comment = (Comment) firstComment(document);
            assertTrue(comment.getData().contains("a- - -b"), comment.getData());
            assertFalse(comment.getData().contains("--"), comment.getData());
        }
        assertEquals("a &amp; &lt;b&gt; &quot;c&quot;", Descriptors.escape("a & <b> \"c\""));
    }

    @Test
    void theDescriptorsNeedNothingFromTheNetwork() throws Exception {
        List<Activations.Activation> activations = Mapped.activations(CONF);
        // Mapped.parse fails on any external entity, schema or DTD it would fetch; none is needed
        Mapped.parse(Descriptors.ejbJar(activations, "test.conf"));
        Mapped.parse(Descriptors.jboss(activations, Mapped.BINDING, "test.conf"));
        Document glassfish = Mapped.parse(Descriptors.glassfish(activations, Mapped.BINDING, "test.conf"));
        assertEquals("http://glassfish.org/dtds/glassfish-ejb-jar_3_1-1.dtd", glassfish.getDoctype().getSystemId());
        // and the checker works: a document that refers to an external entity is refused
        assertThrows(SAXException.class, () -> Mapped.parse("<!DOCTYPE a [ <!ENTITY e SYSTEM "
                + "\"http://example.com/e\"> ]><a>&e;</a>"));
    }

    @Test
    void noActivationStillGivesValidDescriptors() throws Exception {
        List<String> skipped = new ArrayList<>();
        List<Activations.Activation> none = Activations.of(Mapped.conf("ESMTP_Listener { Listen \":25\" { Enable = "
                + "false } }"), Mapped.MDB, skipped);
        assertEquals(List.of(), none);
        Document ejbJar = Mapped.parse(Descriptors.ejbJar(none, "test.conf"));
        // the schema wants a bean in <enterprise-beans>, so there is none of it
        assertEquals(0, ejbJar.getElementsByTagNameNS(JAKARTA, "enterprise-beans").getLength());
        assertEquals(1, ejbJar.getElementsByTagNameNS(JAKARTA, "assembly-descriptor").getLength());
        assertNull(firstElement(Mapped.parse(Descriptors.glassfish(none, Mapped.BINDING, "test.conf")), "ejb"));
        Mapped.parse(Descriptors.jboss(none, Mapped.BINDING, "test.conf"));
    }

    @Test
    void writeWritesTheThreeFilesInUtf8(@TempDir Path dir) throws Exception {
        List<Activations.Activation> activations = Mapped.activations(CONF);
        Path out = dir.resolve("META-INF");
        List<Path> files = Descriptors.write(out, activations, Mapped.BINDING, "tést.conf");
        assertEquals(List.of(out.resolve("ejb-jar.xml"), out.resolve("glassfish-ejb-jar.xml"),
                out.resolve("jboss-ejb3.xml")), files);
        assertEquals(Descriptors.ejbJar(activations, "tést.conf"),
                Files.readString(files.get(0), StandardCharsets.UTF_8));
        assertEquals(Descriptors.glassfish(activations, Mapped.BINDING, "tést.conf"), Files.readString(files.get(1)));
        assertEquals(Descriptors.jboss(activations, Mapped.BINDING, "tést.conf"), Files.readString(files.get(2)));
    }

    private static Node firstComment(Document document) {
        for (Node node = document.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.COMMENT_NODE) {
                return node;
            }
        }
        throw new AssertionError("no comment before the root element");
    }

    private static Element firstElement(Document document, String name) {
        return (Element) document.getElementsByTagName(name).item(0);
    }

    /** The descendants named {@code name} (local name, any namespace), in document order. */
    static List<Element> elements(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    /** The text of the one descendant named {@code name}. */
    static String text(Element parent, String name) {
        List<Element> found = elements(parent, name);
        if (found.isEmpty()) {
            throw new AssertionError("no " + name + " in " + parent.getTagName());
        }
        return found.get(0).getTextContent();
    }
}
