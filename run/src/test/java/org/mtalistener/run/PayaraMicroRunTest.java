package org.mtalistener.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PayaraMicroRunTest {

    @Test
    void blankJvmOptionsAreTheChosenOnes() {
        assertEquals(PayaraMicroRun.JVM_OPTIONS, PayaraMicroRun.jvmOptions(null));
        assertEquals(PayaraMicroRun.JVM_OPTIONS, PayaraMicroRun.jvmOptions("  "));
        assertEquals(List.of("-Xms64m", "-Xmx256m", "-XX:+UseG1GC"), PayaraMicroRun.JVM_OPTIONS);
    }

    @Test
    void givenJvmOptionsReplaceThem() {
        assertEquals(List.of("-Xmx1g", "-XX:+UseParallelGC"), PayaraMicroRun.jvmOptions(" -Xmx1g  -XX:+UseParallelGC "));
    }
}
