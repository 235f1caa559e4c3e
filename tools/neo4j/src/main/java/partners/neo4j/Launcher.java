package partners.neo4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs a Neo4j Community DBMS embedded in this JVM with only the Bolt connector enabled.
 *
 * <p>Usage: {@code java -cp target/classes:target/lib/* partners.neo4j.Launcher [HOME_DIR]}
 *
 * <p>Environment:
 * <ul>
 *   <li>{@code NEO4J_HOME_DIR} – server home (data/ and logs/ go below it); the first argument wins.
 *       Default {@code tools/neo4j/run}.</li>
 *   <li>{@code NEO4J_PORT} – Bolt port on 127.0.0.1 (default 7687).</li>
 *   <li>{@code NEO4J_PASSWORD} – password of user {@code neo4j}; applied at every start (required).</li>
 *   <li>{@code NEO4J_PAGECACHE} – page cache size (default 256m).</li>
 *   <li>{@code NEO4J_TX_MEMORY} – global cap for transaction memory (default 1500m).</li>
 * </ul>
 *
 * <p>Prints {@code NEO4J_READY bolt://127.0.0.1:PORT} on stdout once Bolt accepts connections and the
 * password is in place. Exits with status 2 on a bad configuration, 3 if the DBMS fails to start
 * (for example the port is already taken).
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String homeArg = args.length > 0 ? args[0] : env("NEO4J_HOME_DIR", "tools/neo4j/run");
        Path home = Paths.get(homeArg).toAbsolutePath().normalize();
        String host = "127.0.0.1";
        int port;
        try {
            port = Integer.parseInt(env("NEO4J_PORT", "7687"));
        } catch (NumberFormatException e) {
            System.err.println("NEO4J_FAILED bad NEO4J_PORT: " + System.getenv("NEO4J_PORT"));
            System.exit(2);
            return;
        }
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_FAILED NEO4J_PASSWORD must be set, at least 8 characters");
            System.exit(2);
            return;
        }
        long pageCache;
        long txMemory;
        try {
            pageCache = ByteUnit.parse(env("NEO4J_PAGECACHE", "256m"));
            txMemory = ByteUnit.parse(env("NEO4J_TX_MEMORY", "1500m"));
        } catch (IllegalArgumentException e) {
            System.err.println("NEO4J_FAILED bad NEO4J_PAGECACHE / NEO4J_TX_MEMORY: " + e.getMessage());
            System.exit(2);
            return;
        }

        Files.createDirectories(home);
        System.out.println("Neo4j " + Version.getNeo4jVersion() + " (Community, embedded) home=" + home
                + " bolt=" + host + ":" + port + " pagecache=" + pageCache / ByteUnit.mebiBytes(1) + "MiB"
                + " txMemory=" + txMemory / ByteUnit.mebiBytes(1) + "MiB"
                + " maxHeap=" + Runtime.getRuntime().maxMemory() / ByteUnit.mebiBytes(1) + "MiB");

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(host))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txMemory)
                    // No Cypher may read files of this machine: LOAD CSV FROM 'file:///…' is refused
                    // (issue 13, D4). Remote URLs stay possible only through the client, which refuses
                    // LOAD CSV in read-only mode.
                    .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                    // Netty's default 5s quiet period makes every stop take >10s; a dev server needs none.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
        } catch (Throwable e) {
            System.err.println("NEO4J_FAILED could not start the DBMS: " + rootMessage(e));
            e.printStackTrace();
            System.exit(3);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("NEO4J_STOPPING");
            try {
                dbms.shutdown();
                System.out.println("NEO4J_STOPPED");
            } catch (Throwable e) {
                System.err.println("NEO4J_STOP_ERROR " + rootMessage(e));
            } finally {
                System.out.flush();
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        try {
            setPassword(dbms, password);
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(TimeUnit.SECONDS.toMillis(120))) {
                throw new IllegalStateException("default database not available after 120s");
            }
            waitForPort(host, port, 30_000);
        } catch (Throwable e) {
            System.err.println("NEO4J_FAILED " + rootMessage(e));
            e.printStackTrace();
            System.exit(3); // the shutdown hook stops the DBMS cleanly
            return;
        }

        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("NEO4J_READY bolt://" + host + ":" + port + " version=" + Version.getNeo4jVersion()
                + " startup_ms=" + ms);
        System.out.flush();
        stopped.await(); // keep main alive; the JVM exits after the shutdown hook has run
    }

    /** Sets the password of user neo4j (and clears "change required"). Idempotent across restarts. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            System.out.println("Password for user neo4j set");
        } catch (RuntimeException e) {
            String msg = rootMessage(e);
            // Re-setting the current password is refused; on an existing data dir that means it is already right.
            if (msg != null && msg.contains("cannot be the same")) {
                // Make sure "change required" is off too (it is not touched by the failed statement).
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
                System.out.println("Password for user neo4j unchanged (already set)");
            } else {
                throw e;
            }
        }
    }

    private static void waitForPort(String host, int port, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("Bolt is not listening on " + host + ":" + port, e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private static String rootMessage(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (sb.length() > 0) sb.append(" <- ");
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) break;
        }
        return sb.toString();
    }
}
