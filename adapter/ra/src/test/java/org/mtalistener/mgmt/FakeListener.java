package org.mtalistener.mgmt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A listener socket held in memory: what the console and JMX act on, without a socket. */
public final class FakeListener implements ManagedListener {

    private final String type;
    private final String address;
    private final ListenerStats stats;
    private final Map<String, String> deployed;
    private final Map<String, String> options;
    private final Map<String, String> defaults;
    public final List<LiveSession> sessions = new ArrayList<>();
    private boolean enabled = true;
    public boolean listening = true;

    /** {@code deployed}: the options of the socket's activation; {@code defaults}: what eval gives for the rest. */
    public FakeListener(String type, String address, Clock clock, Map<String, String> deployed,
                        Map<String, String> defaults) {
        this.type = type;
        this.address = address;
        this.stats = new ListenerStats(clock);
        this.deployed = Map.copyOf(deployed);
        this.options = new LinkedHashMap<>(deployed);
        this.defaults = Map.copyOf(defaults);
    }

    @Override
    public String listenerType() {
        return type;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public boolean listening() {
        return listening && enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public ListenerStats stats() {
        return stats;
    }

    @Override
    public List<LiveSession> sessions() {
        return List.copyOf(sessions);
    }

    @Override
    public String get(String option) {
        return options.get(option);
    }

    @Override
    public String eval(String option) {
        return options.getOrDefault(option, defaults.get(option));
    }

    @Override
    public String set(String option, String value) {
        options.put(option, value);
        return value;
    }

    @Override
    public String unset(String option) {
        if (deployed.containsKey(option)) {
            options.put(option, deployed.get(option));
        } else {
            options.remove(option);
        }
        return eval(option);
    }

    @Override
    public List<String> show() {
        return options.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList();
    }

    @Override
    public String reload() {
        options.clear();
        options.putAll(deployed);
        enabled = true;
        return listenerType() + " " + address() + ": the deployed properties again\n";
    }
}
