package org.mtalistener.conf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mtalistener.conf.options.OptionDef;

/**
 * {@link Socket#resolve} against a brute-force reference over small random configurations: every option, every
 * client. The reference reads the chain off the generated description, never off the model, and matches blocks with
 * its own arithmetic (BigInteger on the address bytes, mapped IPv4 unwrapped by hand).
 */
class SocketResolveTest {

    /** Options valid in every link of the chain (global included), two types. */
    private static final List<String> OPTIONS = List.of("Max_Receptions_Per_Connection", "Require_EHLO",
            "Allow_IP_Literal");

    /** Blocks that nest and overlap, in both families; none in the IPv4-mapped range (that is Cidr's business). */
    private static final List<String> BLOCKS = List.of("0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/24", "10.0.0.5",
            "10.0.1.0/24", "192.0.2.0/25", "::/0", "2001:db8::/32", "2001:db8::1", "2001:db8:0:1::/64");

    /** Clients inside and outside the blocks, an IPv4 client arriving IPv4-mapped, and no client at all (null). */
    private static final List<String> CLIENTS = List.of("10.0.0.5", "10.0.0.6", "10.0.1.200", "10.200.0.1",
            "192.0.2.1", "192.0.2.200", "198.51.100.1", "::ffff:10.0.0.5", "2001:db8::1", "2001:db8:0:1::9", "::1",
            "none");

    record PeerSpec(String block, Map<String, String> options) {
    }

    /** What one generated configuration says, link by link. */
    record Spec(Map<String, String> global, Map<String, String> listener, List<PeerSpec> listenerPeers,
                Map<String, String> listen, List<PeerSpec> listenPeers) {

        String text() {
            StringBuilder conf = new StringBuilder();
            global.forEach((name, value) -> conf.append(name).append(" = ").append(value).append('\n'));
            conf.append("ESMTP_Listener {\n");
            listener.forEach((name, value) -> conf.append("  ").append(name).append(" = ").append(value).append('\n'));
            listenerPeers.forEach(peer -> conf.append("  ").append(peer(peer)).append('\n'));
            conf.append("  Listen \"127.0.0.1:25\" {\n");
            listen.forEach((name, value) -> conf.append("    ").append(name).append(" = ").append(value).append('\n'));
            listenPeers.forEach(peer -> conf.append("    ").append(peer(peer)).append('\n'));
            return conf.append("  }\n}\n").toString();
        }

        private static String peer(PeerSpec peer) {
            StringBuilder text = new StringBuilder("Peer \"" + peer.block() + "\" {");
            peer.options().forEach((name, value) -> text.append(' ').append(name).append(" = ").append(value));
            return text.append(" }").toString();
        }
    }

    @Property(tries = 300)
    void resolveIsTheFirstLinkThatSetsTheOption(@ForAll("specs") Spec spec) throws Exception {
        Socket socket = Load.onlySocket(Load.conf(spec.text()));
        for (String client : CLIENTS) {
            InetAddress peer = client.equals("none") ? null : client(client);
            for (String name : OPTIONS) {
                OptionDef<Object> option = Load.option(name);
                Socket.Resolved<Object> resolved = socket.resolve(option, peer);
                Optional<String> written = reference(spec, name, peer);
                String actual = resolved.value().map(v -> option.type().toConf(v).toString()).orElse("unset");
                String where = name + " for " + client + " in\n" + spec.text();
                assertEquals(written.orElse(option.defaultText().orElse("unset")), actual, where);
                assertEquals(written.isEmpty(), resolved.source().equals("default"), where);
            }
        }
    }

    /** The chain as the specification states it, walked by hand: the value written first, if any link has one. */
    private static Optional<String> reference(Spec spec, String name, InetAddress peer) {
        List<Map<String, String>> chain = new ArrayList<>();
        matching(spec.listenPeers(), peer).forEach(p -> chain.add(p.options()));
        chain.add(spec.listen());
        matching(spec.listenerPeers(), peer).forEach(p -> chain.add(p.options()));
        chain.add(spec.listener());
        chain.add(spec.global());
        for (Map<String, String> link : chain) {
            if (link.containsKey(name)) {
                return Optional.of(link.get(name));
            }
        }
        return Optional.empty();
    }

    private static List<PeerSpec> matching(List<PeerSpec> peers, InetAddress peer) {
        if (peer == null) {
            return List.of();
        }
        return peers.stream().filter(p -> contains(p.block(), peer))
                .sorted(Comparator.comparingInt((PeerSpec p) -> prefix(p.block())).reversed()).toList();
    }

    private static boolean contains(String block, InetAddress peer) {
        byte[] client = peer.getAddress();
        if (client.length == 16 && isMapped(client)) {
            client = Arrays.copyOfRange(client, 12, 16);
        }
        byte[] network = literal(block.contains("/") ? block.substring(0, block.indexOf('/')) : block);
        if (network.length != client.length) {
            return false;
        }
        int shift = network.length * 8 - prefix(block);
        return new BigInteger(1, network).shiftRight(shift).equals(new BigInteger(1, client).shiftRight(shift));
    }

    private static int prefix(String block) {
        if (block.contains("/")) {
            return Integer.parseInt(block.substring(block.indexOf('/') + 1));
        }
        return block.contains(":") ? 128 : 32;
    }

    private static boolean isMapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static byte[] literal(String text) {
        try {
            // literals only: InetAddress does not resolve a name that parses as an address
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A client as a socket hands it over; a mapped one stays an Inet6Address, as on a dual-stack socket. */
    private static InetAddress client(String text) throws UnknownHostException {
        if (text.startsWith("::ffff:")) {
            byte[] bytes = new byte[16];
            bytes[10] = (byte) 0xff;
            bytes[11] = (byte) 0xff;
            System.arraycopy(literal(text.substring("::ffff:".length())), 0, bytes, 12, 4);
            return Inet6Address.getByAddress(null, bytes, -1);
        }
        return InetAddress.getByAddress(literal(text));
    }

    @Provide
    Arbitrary<Spec> specs() {
        return Combinators.combine(options(), options(), peers(), options(), peers()).as(Spec::new);
    }

    private static Arbitrary<Map<String, String>> options() {
        Arbitrary<String> count = Arbitraries.integers().between(0, 9).map(String::valueOf);
        Arbitrary<String> flag = Arbitraries.of("true", "false");
        return Arbitraries.subsetOf(OPTIONS).flatMap(names -> {
            List<String> ordered = names.stream().sorted().toList();
            List<Arbitrary<String>> values = ordered.stream()
                    .map(name -> name.startsWith("Max_") ? count : flag).toList();
            return Combinators.combine(values).as(list -> {
                Map<String, String> options = new LinkedHashMap<>();
                for (int i = 0; i < ordered.size(); i++) {
                    options.put(ordered.get(i), list.get(i));
                }
                return options;
            });
        });
    }

    private static Arbitrary<List<PeerSpec>> peers() {
        return Arbitraries.subsetOf(BLOCKS).ofMaxSize(5)
                .flatMap(blocks -> Arbitraries.shuffle(new ArrayList<>(blocks)))
                .flatMap(blocks -> options().list().ofSize(blocks.size()).map(options -> {
                    List<PeerSpec> peers = new ArrayList<>();
                    for (int i = 0; i < blocks.size(); i++) {
                        peers.add(new PeerSpec(blocks.get(i), options.get(i)));
                    }
                    return peers;
                }));
    }
}
