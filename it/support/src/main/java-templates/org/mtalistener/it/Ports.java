package org.mtalistener.it;

/**
 * The ports of the integration tests, written by the build from {@code it.port.base} (it/pom.xml computes them; the
 * defaults are the ports these tests always used). Constants, so MDB annotations can name them.
 */
public final class Ports {

    /** The sample MDB's ESMTP Listen (2525 on the defaults). */
    public static final int SAMPLE = ${itPortSample};
    /** The sample MDB's ECStream Listen in the default conf (1825). */
    public static final int SAMPLE_ECSTREAM = ${itPortSampleEcstream};
    /** The sample MDB's QMQP Listen in the default conf (6280). */
    public static final int SAMPLE_QMQP = ${itPortSampleQmqp};
    /** The sample MDB's HTTP Listen in the default conf (2081). */
    public static final int SAMPLE_HTTP = ${itPortSampleHttp};
    public static final int TRANSACTIONAL = ${itPortTransactional};
    /** The group-commit test MDB's ECStream listener ({@code BatchTestMdb}). */
    public static final int BATCH = ${itPortBatch};
    public static final int WILDFLY_BATCH = ${itPortWildflyBatch};
    public static final int BATCH_SMTP = ${itPortBatchSmtp};
    public static final int ACL = ${itPortAcl};
    public static final int ECSTREAM = ${itPortEcstream};
    public static final int SLOW = ${itPortSlow};
    public static final int CONSOLE = ${itPortConsole};
    public static final int RECIPIENT_CHECK = ${itPortRecipientCheck};
    public static final int STARTTLS = ${itPortStarttls};
    public static final int IMPLICIT_TLS = ${itPortImplicitTls};
    public static final int CLIENT_CERT = ${itPortClientCert};
    public static final int WILDFLY_RECIPIENT_CHECK = ${itPortWildflyRecipientCheck};
    /** The forwarding sample's ESMTP Listen (2526 on the defaults, as in sample-forwarding/forwarding.conf). */
    public static final int FORWARDING = ${itPortForwarding};
    public static final int FORWARDING_FAULTS = ${itPortForwardingFaults};
    /** WildFly's HTTP listener, moved by the port offset (8080 on the defaults). */
    public static final int WILDFLY_HTTP = ${itWildflyHttpPort};
    /** HttpIT's HTTP_Listener. */
    public static final int HTTP = ${itPortHttp};
    /** The ledger's MDB, which LedgerIT and bench/faults.sh share: they must not run at once. */
    public static final int LEDGER = ${itPortLedger};
    /** The sample MDB's ESMTP Listen on Payara Server (it/payara-server). */
    public static final int PAYARA_SERVER_SAMPLE = ${itPortPayaraServerSample};
    /** Payara Server's port base ({@code asadmin create-domain --portbase}): its admin port is this + 48. */
    public static final int PAYARA_SERVER_PORT_BASE = ${itPayaraServerPortBase};
    /** WildFly's management port (9990 on the defaults): its console, and /health with MicroProfile Health. */
    public static final int WILDFLY_MANAGEMENT = ${itWildflyManagementPort};
    /** The default conf's console socket as WildFly's EAR runs it (/tmp/2025 on the defaults). */
    public static final String CONSOLE_UNIX_SOCKET = "${itConsoleUnixSocket}";

    private Ports() {
    }
}
