package org.mtalistener.it.wildfly;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * An EAR as the build made it, with what a test adds: modules of test MDBs (bound to the EAR's RAR), a web module,
 * and the built modules' listen addresses moved to the test's ports. The EAR keeps its file name, which WildFly's
 * name for its RAR ({@code <ear>#<rar>}) and the descriptors written at build time depend on.
 */
final class TestEar {

    private final EnterpriseArchive ear;
    private final String adapter;

    /** @param property the system property naming the EAR file (failsafe sets it) */
    TestEar(String property) {
        File file = new File(System.getProperty(property));
        this.ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, file);
        this.adapter = file.getName() + "#mta-listener.rar";
    }

    /** Adds an EJB module with a test MDB bound to this EAR's RAR, and the classes it needs beside it. */
    TestEar withMdb(String moduleName, Class<?> mdb, Class<?>... alongside) {
        JavaArchive module = ShrinkWrap.create(JavaArchive.class, moduleName)
                .addClass(mdb)
                .addClasses(alongside)
                .addAsManifestResource(new StringAsset("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <jboss:ejb-jar xmlns:jboss="urn:jboss:ejb-jar:4.0" xmlns="https://jakarta.ee/xml/ns/jakartaee"
                                       xmlns:mdb="urn:resource-adapter-binding" version="4.0" impl-version="2.0">
                          <assembly-descriptor>
                            <mdb:resource-adapter-binding>
                              <ejb-name>%s</ejb-name>
                              <mdb:resource-adapter-name>%s</mdb:resource-adapter-name>
                            </mdb:resource-adapter-binding>
                          </assembly-descriptor>
                        </jboss:ejb-jar>
                        """.formatted(mdb.getSimpleName(), adapter)), "jboss-ejb3.xml");
        return withModule(module, "<ejb>" + moduleName + "</ejb>");
    }

    TestEar withWebModule(WebArchive web, String contextRoot) {
        return withModule(web, "<web>\n      <web-uri>" + web.getName() + "</web-uri>\n      <context-root>"
                + contextRoot + "</context-root>\n    </web>");
    }

    /**
     * Rewrites the ejb-jar.xml of a built module, e.g. {@code ">127.0.0.1:2525<"} to the test's port (the same on the
     * default port base).
     */
    TestEar withEjbJarRewritten(String moduleName, Map<String, String> replacements) {
        JavaArchive module;
        try (InputStream in = ear.get(moduleName).getAsset().openStream()) {
            module = ShrinkWrap.create(ZipImporter.class, moduleName).importFrom(in).as(JavaArchive.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String ejbJar = read(module.get("META-INF/ejb-jar.xml").getAsset());
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            if (!ejbJar.contains(replacement.getKey())) {
                throw new IllegalStateException(moduleName + "'s ejb-jar.xml has no " + replacement.getKey());
            }
            ejbJar = ejbJar.replace(replacement.getKey(), replacement.getValue());
        }
        ear.delete(moduleName);
        module.delete("META-INF/ejb-jar.xml");
        ear.addAsModule(module.addAsManifestResource(new StringAsset(ejbJar), "ejb-jar.xml"));
        return this;
    }

    EnterpriseArchive archive() {
        return ear;
    }

    /** application.xml lists the modules: the new one goes after the last. */
    private TestEar withModule(Archive<?> module, String moduleXml) {
        String applicationXml = read(ear.get("META-INF/application.xml").getAsset());
        int last = applicationXml.lastIndexOf("</module>");
        if (last < 0) {
            throw new IllegalStateException("no <module> in the EAR's application.xml: " + applicationXml);
        }
        last += "</module>".length();
        ear.setApplicationXML(new StringAsset(applicationXml.substring(0, last)
                + "\n  <module>\n    " + moduleXml + "\n  </module>" + applicationXml.substring(last)));
        ear.addAsModule(module);
        return this;
    }

    private static String read(Asset asset) {
        try (InputStream in = asset.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
