package policykg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Neo4j Community for the tests: one embedded DBMS per (home folder, port) pair, each with Bolt
 * on 127.0.0.1:port, authentication on (user neo4j, the password given) and APOC Core loaded
 * from the procedure folder with apoc.import.file.enabled. Prints "ready" when every Bolt
 * connector listens ("policykg: neo4j ready"); stops the DBMSs cleanly on SIGTERM, and by itself when the process that
 * started it has gone (a killed test run leaves no server behind).
 *
 *   java -cp … policykg.NeoServer PLUGINS PASSWORD HOME PORT [HOME PORT]...
 */
public final class NeoServer {
    static final String READY = "policykg: neo4j ready";

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length % 2 != 0) {
            System.err.println("usage: NeoServer PLUGINS PASSWORD HOME PORT [HOME PORT]...");
            System.exit(2);
        }
        Path plugins = Path.of(args[0]).toAbsolutePath();
        String password = args[1];
        System.setProperty("apoc.import.file.enabled", "true");
        List<DatabaseManagementService> services = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> services.parallelStream()
                .forEach(DatabaseManagementService::shutdown)));
        for (int i = 2; i < args.length; i += 2) {
            Path home = Path.of(args[i]).toAbsolutePath();
            Path conf = Files.createDirectories(home.resolve("conf"));
            Files.writeString(conf.resolve("apoc.conf"), "apoc.import.file.enabled=true\n"
                    + "apoc.import.file.use_neo4j_config=false\n");
            DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", Integer.parseInt(args[i + 1])))
                    // a test server: no 5 s grace for Bolt connections at shutdown
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                    .setConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                    .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5))
                    .build();
            services.add(service);
            service.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        }
        System.out.println(READY);
        System.out.flush();
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        while (parent != null && parent.isAlive()) {
            Thread.sleep(1000);
        }
        System.exit(0);
    }
}
