import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Profiles a running JVM with async-profiler for a while and writes a flame graph and collapsed stacks, then prints
 * where the CPU went (bench/profile.sh runs it with java's single-file source mode).
 *
 * <pre>
 * java bench/Profile.java PID LIBASYNCPROFILER SECONDS OUT_PREFIX [EVENT]
 * java bench/Profile.java --summary COLLAPSED
 * </pre>
 *
 * <p>The agent is loaded through the Attach API: {@code jcmd JVMTI.agent_load} mangles an option string that holds
 * {@code =}, and every async-profiler option does. Each load is one profiler command (start, dump, stop).
 */
public final class Profile {

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--summary")) {
            summarize(Path.of(args[1]));
            return;
        }
        if (args.length < 4) {
            System.err.println("usage: java Profile.java PID LIBASYNCPROFILER SECONDS OUT_PREFIX [EVENT]");
            System.exit(2);
        }
        String pid = args[0];
        String library = Path.of(args[1]).toAbsolutePath().toString();
        long seconds = Long.parseLong(args[2]);
        String out = Path.of(args[3]).toAbsolutePath().toString();
        String event = args.length > 4 ? args[4] : "cpu";
        Path collapsed = Path.of(out + ".collapsed");
        command(pid, library, "start,event=" + event + ",interval=1ms");
        Thread.sleep(seconds * 1000);
        // dump keeps the samples, so the flame graph drawn at stop shows the same window (plus a few milliseconds)
        command(pid, library, "dump,collapsed,file=" + collapsed);
        command(pid, library, "stop,flamegraph,title=" + event + " " + seconds + "s pid " + pid + ",file=" + out + ".html");
        System.out.println("profile: " + out + ".html, " + collapsed);
        summarize(collapsed);
    }

    private static void command(String pid, String library, String options) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        try {
            vm.loadAgentPath(library, options);
        } finally {
            vm.detach();
        }
    }

    /** Who owns a Java frame, by its class's package. */
    private static final List<Map.Entry<String, String>> OWNERS = List.of(
            Map.entry("org/mtalistener/", "ours"), Map.entry("org.mtalistener.", "ours"),
            Map.entry("io/netty/", "netty"), Map.entry("io.netty.", "netty"),
            Map.entry("java/", "jdk"), Map.entry("java.", "jdk"), Map.entry("jdk/", "jdk"),
            Map.entry("jdk.", "jdk"), Map.entry("sun/", "jdk"), Map.entry("sun.", "jdk"),
            Map.entry("com/sun/proxy/", "container"), Map.entry("jdk/proxy", "container"));

    /**
     * Prints the shares of the samples: where the CPU was (kernel, the JVM's own native code, Java) and, for each
     * sample, who asked for it (the owner of its innermost Java frame outside the JDK: ours, Netty or the container,
     * which is every other Java frame: Payara, EJB, JTA, the MDB; the JDK when it is alone), the system calls and the
     * top frames by self samples.
     */
    static void summarize(Path collapsed) throws IOException {
        Map<String, Long> where = new HashMap<>();
        Map<String, Long> owner = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> syscalls = new HashMap<>();
        long total = 0;
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long n = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            total += n;
            String leaf = frames[frames.length - 1];
            where.merge(leaf.endsWith("_[k]") ? "kernel" : isJava(leaf) ? "java" : "jvm/native", n, Long::sum);
            self.merge(leaf, n, Long::sum);
            String asker = "no java frame (jit, gc, vm)";
            for (int i = frames.length - 1; i >= 0; i--) {
                if (isJava(frames[i])) {
                    asker = ownerOf(frames[i]);
                    if (!asker.equals("jdk")) {
                        break;
                    }
                }
            }
            owner.merge(asker, n, Long::sum);
            for (String f : frames) {
                if (f.endsWith("_[k]") && (f.startsWith("__x64_sys_") || f.startsWith("ksys_"))) {
                    syscalls.merge(f.replaceFirst("^(__x64_sys_|ksys_)", "").replace("_[k]", ""), n, Long::sum);
                    break;
                }
            }
        }
        System.out.printf("%,d samples%n", total);
        print("where the CPU was", where, total, 5);
        print("who asked (innermost Java frame outside the JDK)", owner, total, 8);
        print("system calls (inclusive)", syscalls, total, 8);
        print("top frames (self)", self, total, 15);
    }

    private static boolean isJava(String frame) {
        // collapsed Java frames: "pkg/Cls.method_[j]" (JIT), "_[i]" (interpreted), "_[0]" ... or plain "pkg/Cls.m"
        return !frame.endsWith("_[k]") && frame.contains(".") && (frame.contains("/") || frame.endsWith("_[j]")
                || frame.endsWith("_[i]") || frame.endsWith("_[0]") || frame.endsWith("_[1]"));
    }

    private static String ownerOf(String frame) {
        for (Map.Entry<String, String> e : OWNERS) {
            if (frame.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return "container";
    }

    private static void print(String title, Map<String, Long> counts, long total, int limit) {
        System.out.println(title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf("  %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                        e.getKey()));
    }
}
