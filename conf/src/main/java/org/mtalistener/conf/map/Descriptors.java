package org.mtalistener.conf.map;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the descriptors of an EJB module from activations: {@code ejb-jar.xml} (one {@code <message-driven>} each,
 * container-managed transactions: Required for mail, NotSupported for console commands),
 * {@code glassfish-ejb-jar.xml} (Payara: the RAR module name and an MDB pool above the adapter's delivery cap, a small
 * one for the console) and {@code jboss-ejb3.xml} (WildFly: the RAR inside the EAR). Each server ignores the other's
 * file.
 */
public final class Descriptors {

    /**
     * @param payaraAdapter  the RAR's module name in Payara, e.g. {@code mta-listener}
     * @param wildflyAdapter the RAR's name in WildFly, e.g. {@code mta-listener.ear#mta-listener.rar}
     */
    public record Binding(String payaraAdapter, String wildflyAdapter) {
    }

    /** The console's bean pool in Payara: commands come one at a time per session, from an operator or two. */
    static final int CONTROL_POOL = 4;

    private Descriptors() {
    }

    /** Writes the three files into {@code dir} (created if needed); returns them. */
    public static List<Path> write(Path dir, List<Activations.Activation> activations, Binding binding,
                                   String source) throws IOException {
        Files.createDirectories(dir);
        return List.of(
                Files.writeString(dir.resolve("ejb-jar.xml"), ejbJar(activations, source),
                        StandardCharsets.UTF_8),
                Files.writeString(dir.resolve("glassfish-ejb-jar.xml"), glassfish(activations, binding, source),
                        StandardCharsets.UTF_8),
                Files.writeString(dir.resolve("jboss-ejb3.xml"), jboss(activations, binding, source),
                        StandardCharsets.UTF_8));
    }

    static String ejbJar(List<Activations.Activation> activations, String source) {
        StringBuilder xml = new StringBuilder(header(source)).append("""
                <ejb-jar xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/ejb-jar_4_0.xsd"
                         version="4.0">
                """);
        // the schema wants at least one bean inside <enterprise-beans>, and the element itself is optional
        xml.append(activations.isEmpty() ? "" : "  <enterprise-beans>\n");
        for (Activations.Activation activation : activations) {
            xml.append("    <message-driven>\n")
                    .append("      <ejb-name>").append(escape(activation.ejbName())).append("</ejb-name>\n")
                    .append("      <ejb-class>").append(escape(activation.ejbClass())).append("</ejb-class>\n")
                    .append("      <messaging-type>").append(activation.messagingType())
                    .append("</messaging-type>\n")
                    .append("      <transaction-type>Container</transaction-type>\n")
                    .append("      <activation-config>\n");
            for (Map.Entry<String, String> property : activation.properties().entrySet()) {
                xml.append("        <activation-config-property>\n")
                        .append("          <activation-config-property-name>").append(escape(property.getKey()))
                        .append("</activation-config-property-name>\n")
                        .append("          <activation-config-property-value>").append(escape(property.getValue()))
                        .append("</activation-config-property-value>\n")
                        .append("        </activation-config-property>\n");
            }
            xml.append("      </activation-config>\n    </message-driven>\n");
        }
        xml.append(activations.isEmpty() ? "" : "  </enterprise-beans>\n").append("  <assembly-descriptor>\n");
        for (Activations.Activation activation : activations) {
            xml.append("    <container-transaction>\n      <method>\n        <ejb-name>")
                    .append(escape(activation.ejbName()))
                    .append("</ejb-name>\n        <method-name>*</method-name>\n      </method>\n")
                    // a console command is not a transaction; a message is taken only when its transaction commits
                    .append("      <trans-attribute>").append(activation.isControl() ? "NotSupported" : "Required")
                    .append("</trans-attribute>\n    </container-transaction>\n");
        }
        return xml.append("  </assembly-descriptor>\n</ejb-jar>\n").toString();
    }

    static String glassfish(List<Activations.Activation> activations, Binding binding, String source) {
        StringBuilder xml = new StringBuilder(header(source)).append("""
                <!DOCTYPE glassfish-ejb-jar PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 EJB 3.1//EN"
                        "http://glassfish.org/dtds/glassfish-ejb-jar_3_1-1.dtd">
                <glassfish-ejb-jar>
                  <enterprise-beans>
                """);
        for (Activations.Activation activation : activations) {
            long cap = Long.parseLong(activation.properties().getOrDefault("maxConcurrentDeliveries", "16"));
            // above the delivery cap, so createEndpoint never finds the pool exhausted
            long pool = activation.isControl() ? CONTROL_POOL : Math.max(32, Math.min(Integer.MAX_VALUE, cap * 2));
            xml.append("    <ejb>\n      <ejb-name>").append(escape(activation.ejbName())).append("</ejb-name>\n")
                    .append("      <mdb-resource-adapter>\n        <resource-adapter-mid>")
                    .append(escape(binding.payaraAdapter())).append("</resource-adapter-mid>\n")
                    .append("      </mdb-resource-adapter>\n")
                    .append("      <bean-pool>\n        <steady-pool-size>0</steady-pool-size>\n")
                    .append("        <resize-quantity>").append(Math.min(8, pool))
                    .append("</resize-quantity>\n        <max-pool-size>").append(pool)
                    .append("</max-pool-size>\n      </bean-pool>\n    </ejb>\n");
        }
        return xml.append("  </enterprise-beans>\n</glassfish-ejb-jar>\n").toString();
    }

    static String jboss(List<Activations.Activation> activations, Binding binding, String source) {
        StringBuilder xml = new StringBuilder(header(source)).append("""
                <jboss:ejb-jar xmlns:jboss="urn:jboss:ejb-jar:4.0" xmlns="https://jakarta.ee/xml/ns/jakartaee"
                               xmlns:mdb="urn:resource-adapter-binding" version="4.0" impl-version="2.0">
                  <assembly-descriptor>
                """);
        for (Activations.Activation activation : activations) {
            xml.append("    <mdb:resource-adapter-binding>\n      <ejb-name>").append(escape(activation.ejbName()))
                    .append("</ejb-name>\n      <mdb:resource-adapter-name>").append(escape(binding.wildflyAdapter()))
                    .append("</mdb:resource-adapter-name>\n    </mdb:resource-adapter-binding>\n");
        }
        return xml.append("  </assembly-descriptor>\n</jboss:ejb-jar>\n").toString();
    }

    private static String header(String source) {
        // no "--" may appear inside an XML comment, not even in "---"
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Written by listenerconf from "
                + escape(source).replaceAll("-(?=-)", "- ") + "; edit the conf file, not this. -->\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
