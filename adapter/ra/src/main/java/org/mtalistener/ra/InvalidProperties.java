package org.mtalistener.ra;

import jakarta.resource.spi.InvalidPropertyException;
import java.beans.IntrospectionException;
import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bad properties of one ActivationSpec, gathered so that a deployment is told of every one at once, as ActiveMQ
 * Artemis's activation spec does: each names the property, its value and what was expected.
 */
final class InvalidProperties {

    private record Problem(String property, String value, String expected) {
        @Override
        public String toString() {
            return property + " = \"" + value + "\": " + expected;
        }
    }

    private final List<Problem> problems = new ArrayList<>();

    void add(String property, String value, String expected) {
        problems.add(new Problem(property, value, expected));
    }

    /** @throws InvalidPropertyException naming every problem, when there is one */
    void throwIfAny() throws InvalidPropertyException {
        if (!problems.isEmpty()) {
            throw exception();
        }
    }

    private InvalidPropertyException exception() {
        String message = problems.size() == 1 ? "MTA listener activation property " + problems.get(0)
                : "MTA listener activation: " + problems.size() + " properties are invalid: "
                        + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
        InvalidPropertyException e = new InvalidPropertyException(message);
        e.setInvalidPropertyDescriptors(descriptors());
        return e;
    }

    private PropertyDescriptor[] descriptors() {
        List<PropertyDescriptor> descriptors = new ArrayList<>();
        for (Problem problem : problems) {
            try {
                descriptors.add(new PropertyDescriptor(problem.property(), ListenerActivationSpec.class));
            } catch (IntrospectionException e) {
                throw new IllegalStateException("no activation property " + problem.property(), e);
            }
        }
        return descriptors.toArray(PropertyDescriptor[]::new);
    }

    /** The exception for one bad property, when nothing else can be checked without it (a file it names). */
    static InvalidPropertyException invalid(String property, String value, String expected) {
        InvalidProperties one = new InvalidProperties();
        one.add(property, value, expected);
        return one.exception();
    }
}
