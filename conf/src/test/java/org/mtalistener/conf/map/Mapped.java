package org.mtalistener.conf.map;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.model.Configuration;
import org.mtalistener.conf.parse.ConfException;
import org.mtalistener.conf.parse.ConfParser;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Shorthands for the mapper tests: conf text read as {@code test.conf}, activations, descriptors parsed offline. */
final class Mapped {

    static final String MDB = "com.example.InboundMail";
    static final String CONSOLE = "com.example.Console";
    static final Descriptors.Binding BINDING = new Descriptors.Binding("mta-listener",
            "mta-listener.ear#mta-listener.rar");

    private Mapped() {
    }

    static Configuration conf(String text) throws ConfException {
        return ConfLoader.read(ConfParser.parse(text, Path.of("test.conf")));
    }

    static List<Activations.Activation> activations(String text) throws ConfException {
        return Activations.of(conf(text), MDB, new ArrayList<>());
    }

    /** The one activation of a conf with one enabled ESMTP Listen. */
    static Activations.Activation only(String text) throws ConfException {
        List<Activations.Activation> activations = activations(text);
        if (activations.size() != 1) {
            throw new AssertionError("expected one activation, got " + activations.size());
        }
        return activations.get(0);
    }

    /**
     * {@code xml} parsed as a server would, but offline: no DTD is loaded and any attempt to fetch an external entity
     * or schema fails the parse. Namespace-aware, so a wrong prefix is an error too.
     */
    static Document parse(String xml) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("the descriptor needs " + systemId + " to be read");
        });
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(org.xml.sax.SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                throw e;
            }
        });
        return builder.parse(new InputSource(new StringReader(xml)));
    }

    /** A directory under the parser tests' resources. */
    static Path resources(String directory) {
        URL url = Mapped.class.getResource("/org/mtalistener/conf/parse/" + directory);
        if (url == null) {
            throw new IllegalStateException("no test resource directory " + directory);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
