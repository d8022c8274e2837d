package org.mtalistener.it.payara;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The sample MDB jar as built, with the descriptors the build wrote from src/test/conf/listeners.conf. */
final class SampleDeployment {

    private SampleDeployment() {
    }

    static JavaArchive withTestDescriptors() {
        return withTestDescriptors(UnaryOperator.identity());
    }

    /** @param ejbJar rewrites {@code ejb-jar.xml}, e.g. to bind some Listens to a test MDB */
    static JavaArchive withTestDescriptors(UnaryOperator<String> ejbJar) {
        JavaArchive jar = ShrinkWrap.createFromZipFile(JavaArchive.class,
                new File(System.getProperty("it.sampleMdbJar")));
        Path descriptors = Path.of(System.getProperty("it.descriptors"), "META-INF");
        for (String name : new String[] {"ejb-jar.xml", "glassfish-ejb-jar.xml", "jboss-ejb3.xml"}) {
            jar.delete("META-INF/" + name);
            try {
                String xml = Files.readString(descriptors.resolve(name));
                jar.addAsManifestResource(new StringAsset(name.equals("ejb-jar.xml") ? ejbJar.apply(xml) : xml),
                        name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jar;
    }
}
