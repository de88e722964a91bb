package io.wschat.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Redis Cluster for tests: six {@code redis-server} processes on loopback, three masters with one replica
 * each, joined by {@code redis-cli --cluster create}, and ready once every node reports {@code cluster_state:ok},
 * all 16384 slots covered, and every replica has its master's data. Each node is a {@link LocalRedisServer},
 * whose shutdown hook kills it even if the run crashes; {@link #close()} stops them all. Everything here talks to the nodes through {@code redis-cli}, so
 * the fixture does not depend on the client it is there to test.
 *
 * <p>Binaries only: Redis Cluster tells clients the addresses its nodes see themselves at, which under Docker's
 * port mapping are not the ones a test can reach. Without {@code redis-server} and {@code redis-cli},
 * {@link #start()} fails and says what to install.
 */
public final class RedisCluster implements AutoCloseable {
  public static final int MASTERS = 3;
  /** Short, so that a killed master's replica takes over within about two seconds. */
  public static final Duration NODE_TIMEOUT = Duration.ofMillis(1000);
  private static final Duration READY_LIMIT = Duration.ofSeconds(30);

  private final Path cli;
  private final List<LocalRedisServer> nodes;
  /** {@code --user u --pass p} for redis-cli on a cluster that requires them, else nothing. */
  private final List<String> auth;

  private RedisCluster(Path cli, List<LocalRedisServer> nodes, List<String> auth) {
    this.cli = cli;
    this.nodes = nodes;
    this.auth = auth;
  }

  /** Starts six nodes, creates the cluster and waits until it serves every slot. */
  public static RedisCluster start() {
    return start(List.of(), List.of(), null);
  }

  /**
   * As {@link #start()}, speaking TLS only, as ElastiCache Serverless does, clients, replication and cluster bus
   * alike, with a certificate for {@code localhost} and {@code 127.0.0.1} that is its own CA: made here with the
   * {@code openssl} binary and written to {@code certificate} (PEM), which a client must trust.
   */
  public static RedisCluster startWithTls(Path certificate) {
    Path key = certificate.resolveSibling(certificate.getFileName() + ".key");
    run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key.toString(),
        "-out", certificate.toString()), "openssl is needed to make the TLS cluster's certificate: apt-get install"
        + " -y openssl (Debian/Ubuntu) or brew install openssl");
    return start(List.of(), List.of("--tls", "--cacert", certificate.toString()),
        new LocalRedisServer.Tls(certificate, key));
  }

  /**
   * As {@link #start()}, with ACLs as ElastiCache has them: the {@code default} user is off, and only {@code user}
   * with {@code password} may do anything, the nodes' replication and {@code redis-cli} included.
   */
  public static RedisCluster startWithAcl(String user, String password) {
    return startWithAcl(user, password, List.of());
  }

  /**
   * As {@link #startWithAcl(String, String)}, with more users, each given as redis-server's {@code --user}
   * arguments: name, {@code on}, {@code >password} and the rules of its access string, one argument each.
   */
  public static RedisCluster startWithAcl(String user, String password, List<List<String>> moreUsers) {
    List<String> args = new ArrayList<>(List.of("--user", "default", "off", "--user", user, "on", ">" + password,
        "~*", "&*", "+@all", "--masteruser", user, "--masterauth", password));
    for (List<String> more : moreUsers) {
      args.add("--user");
      args.addAll(more);
    }
    return start(args, List.of("--user", user, "--pass", password, "--no-auth-warning"), null);
  }

  private static RedisCluster start(List<String> extraArgs, List<String> auth, LocalRedisServer.Tls tls) {
    Path server = Engines.binary().orElseThrow(RedisCluster::nothingToRun);
    Path cli = cliNextTo(server).orElseThrow(RedisCluster::nothingToRun);
    List<LocalRedisServer> nodes = new ArrayList<>();
    RedisCluster cluster = new RedisCluster(cli, nodes, auth);
    try {
      for (int i = 0; i < MASTERS * 2; i++) {
        List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes",
            "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()),
            // A replica takes over however long it was out of touch: the tests kill masters on purpose.
            "--cluster-replica-validity-factor", "0",
            // A replica's first sync starts at once, not after the 5 s Redis waits by default for more replicas.
            "--repl-diskless-sync-delay", "0"));
        args.addAll(extraArgs);
        nodes.add(LocalRedisServer.start(server, args, Ping::freeClusterPort, tls));
      }
      List<String> create = new ArrayList<>(List.of("--cluster", "create"));
      nodes.forEach(n -> create.add(n.host() + ":" + n.port()));
      create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
      cluster.cli(create.toArray(String[]::new));
      cluster.awaitHealthy(READY_LIMIT);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code host:port} of every node, masters and replicas, as a client's seed list. */
  public List<String> seeds() {
    return nodes.stream().map(n -> n.host() + ":" + n.port()).toList();
  }

  /** A URL for wschat's Redis adapters: {@code redis+cluster://} with every node as a seed. */
  public String url() {
    return "redis+cluster://" + String.join(",", seeds());
  }

  /** The nodes as {@code CLUSTER NODES} tells them now, asked of the first node that answers. */
  public List<Node> topology() {
    for (LocalRedisServer node : nodes) {
      if (!node.running()) {
        continue;
      }
      Optional<String> out = tryCli("-p", Integer.toString(node.port()), "cluster", "nodes");
      if (out.isPresent() && !out.get().isBlank()) {
        return out.get().lines().filter(l -> !l.isBlank()).map(Node::parse).toList();
      }
    }
    throw new IllegalStateException("no cluster node answers");
  }

  /** The master that serves {@code slot} now. */
  public Node masterOf(int slot) {
    return topology().stream().filter(n -> n.master() && !n.failed() && n.serves(slot)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no master serves slot " + slot));
  }

  /** The slot of {@code key}, as the cluster computes it. */
  public int slotOf(String key) {
    return Integer.parseInt(cli("-p", Integer.toString(nodes.get(0).port()), "cluster", "keyslot", key).strip());
  }

  /** Kills the node on {@code port} as SIGKILL would: no goodbye to clients or to the other nodes. */
  public void kill(int port) {
    node(port).kill();
  }

  /** Starts the killed node on {@code port} again; it rejoins with its old identity, from its nodes.conf. */
  public void restart(int port) {
    node(port).restart();
  }

  /** {@code CLUSTER FAILOVER} on the replica at {@code port}: it takes over from its master once in sync. */
  public void failover(int replicaPort) {
    String answer = cli("-p", Integer.toString(replicaPort), "cluster", "failover").strip();
    if (!answer.equals("OK")) {
      throw new IllegalStateException("CLUSTER FAILOVER on " + replicaPort + " answered " + answer);
    }
  }

  /**
   * {@code redis-cli --cluster reshard}: moves {@code slots} slots from the master {@code fromId} to
   * {@code toId}, the lowest-numbered of its slots first, keys included, and answers its output.
   */
  public String reshard(String fromId, String toId, int slots) {
    return cli("--cluster", "reshard", seeds().get(0), "--cluster-from", fromId, "--cluster-to", toId,
        "--cluster-slots", Integer.toString(slots), "--cluster-yes");
  }

  /** Waits until every live node says {@code cluster_state:ok} and all slots are served by live masters. */
  public void awaitHealthy(Duration limit) {
    Ping.await(limit, this::healthy, () -> "Redis Cluster not healthy within " + limit);
  }

  /**
   * Waits until every live replica has applied everything its master had written when this was called, so that
   * a write acknowledged before the call survives a master killed after it. Replication is asynchronous: a
   * master acknowledges a write before its replica has it. Compares each live master's {@code master_repl_offset}
   * with its live replicas' {@code slave_repl_offset} from {@code INFO replication}; {@code WAIT} would not do,
   * as it waits only for the writes of the connection that sends it, and redis-cli's connection has none.
   *
   * @throws IllegalStateException naming the replica that lags, when one is still behind after {@code limit}
   */
  public void awaitReplicated(Duration limit) {
    List<Node> live = topology().stream().filter(n -> !n.failed()).toList();
    List<Lag> lags = new ArrayList<>();
    for (Node master : live.stream().filter(Node::master).toList()) {
      long written = replicationOffset(master.port(), "master_repl_offset").orElseThrow(
          () -> new IllegalStateException("master " + master.port() + " gives no master_repl_offset"));
      live.stream().filter(n -> !n.master() && master.id().equals(n.masterId()))
          .forEach(replica -> lags.add(new Lag(replica.port(), master.port(), written)));
    }
    Ping.await(limit, () -> lags.stream().allMatch(this::caughtUp),
        () -> "replication not caught up within " + limit + ": " + lags.stream().filter(l -> !caughtUp(l))
            .map(l -> "replica " + l.replica() + " at " + replicationOffset(l.replica(), "slave_repl_offset")
                .map(String::valueOf).orElse("?") + ", its master " + l.master() + " at " + l.target())
            .collect(Collectors.joining("; ")));
  }

  /** A replica that must reach {@code target}, its master's offset when {@link #awaitReplicated} began. */
  private record Lag(int replica, int master, long target) {}

  private boolean caughtUp(Lag lag) {
    return replicationOffset(lag.replica(), "slave_repl_offset").orElse(-1L) >= lag.target();
  }

  /** The number {@code field} of the node's {@code INFO replication}, or empty when it does not answer. */
  private Optional<Long> replicationOffset(int port, String field) {
    String prefix = field + ":";
    return tryCli("-p", Integer.toString(port), "info", "replication").flatMap(info -> info.lines()
        .filter(l -> l.startsWith(prefix)).findFirst().map(l -> Long.parseLong(l.substring(prefix.length()).strip())));
  }

  /** Runs {@code redis-cli} with {@code args} against this cluster's loopback address, and answers its stdout. */
  public String cli(String... args) {
    Answer answer = runCli(args);
    if (answer.exit() != 0) {
      throw new IllegalStateException("redis-cli " + String.join(" ", args) + " exited with " + answer.exit()
          + ":\n" + answer.out());
    }
    return answer.out();
  }

  @Override
  public void close() {
    nodes.forEach(LocalRedisServer::close);
  }

  /**
   * Every running node says the cluster is ok, and sees {@link #MASTERS} live masters with slots and every other
   * running node as a live replica: right after {@code --cluster create}, nodes still see each other as masters.
   */
  private boolean healthy() {
    long running = nodes.stream().filter(LocalRedisServer::running).count();
    for (LocalRedisServer node : nodes) {
      if (!node.running()) {
        continue;
      }
      String port = Integer.toString(node.port());
      Optional<String> info = tryCli("-p", port, "cluster", "info");
      if (info.isEmpty() || !info.get().contains("cluster_state:ok")
          || !info.get().contains("cluster_slots_ok:16384")) {
        return false;
      }
      List<Node> seen = tryCli("-p", port, "cluster", "nodes").orElse("").lines().filter(l -> !l.isBlank())
          .map(Node::parse).toList();
      long masters = seen.stream().filter(n -> n.master() && !n.failed() && !n.slots().isEmpty()).count();
      long replicas = seen.stream().filter(n -> !n.master() && !n.failed()).count();
      if (masters != MASTERS || masters + replicas != running) {
        return false;
      }
      // A replica that has not finished its first sync would take over with nothing.
      boolean replica = seen.stream().anyMatch(n -> n.port() == node.port() && !n.master());
      if (replica && !tryCli("-p", port, "info", "replication").orElse("").contains("master_link_status:up")) {
        return false;
      }
    }
    return true;
  }

  private LocalRedisServer node(int port) {
    return nodes.stream().filter(n -> n.port() == port).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node on port " + port));
  }

  /** What redis-cli printed, or empty when it failed, as it does for a node that is down. */
  private Optional<String> tryCli(String... args) {
    Answer answer = runCli(args);
    return answer.exit() == 0 ? Optional.of(answer.out()) : Optional.empty();
  }

  private record Answer(int exit, String out) {}

  private Answer runCli(String... args) {
    List<String> command = new ArrayList<>(List.of(cli.toString(), "-h", "127.0.0.1"));
    command.addAll(auth);
    command.addAll(Arrays.asList(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Answer(-1, out + "\n(timed out)");
      }
      return new Answer(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void run(List<String> command, String missing) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(missing + " (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Optional<Path> cliNextTo(Path server) {
    Path sibling = server.resolveSibling("redis-cli");
    if (Files.isExecutable(sibling)) {
      return Optional.of(sibling);
    }
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "redis-cli")).filter(Files::isExecutable).findFirst();
  }

  private static IllegalStateException nothingToRun() {
    return new IllegalStateException("The Redis Cluster tests need the redis-server and redis-cli binaries and found"
        + " none. Install them with `apt-get install -y redis-server` (Debian/Ubuntu; redis-tools brings redis-cli)"
        + " or `brew install redis`, or point REDIS_SERVER at a redis-server with redis-cli next to it.");
  }

  /**
   * One line of {@code CLUSTER NODES}.
   *
   * @param slots ranges {@code {from, to}}, inclusive; empty for a replica
   */
  public record Node(String id, String host, int port, boolean master, boolean failed, String masterId,
      List<int[]> slots) {

    static Node parse(String line) {
      String[] f = line.strip().split(" ");
      String address = f[1].split("@")[0];
      int colon = address.lastIndexOf(':');
      List<String> flags = List.of(f[2].split(","));
      List<int[]> slots = Arrays.stream(f).skip(8).filter(s -> !s.startsWith("["))
          .map(s -> s.split("-"))
          .map(r -> new int[] {Integer.parseInt(r[0]), Integer.parseInt(r[r.length - 1])})
          .collect(Collectors.toList());
      return new Node(f[0], address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)),
          flags.contains("master"),
          flags.contains("fail") || flags.contains("fail?") || flags.contains("noaddr"), f[3], slots);
    }

    public boolean serves(int slot) {
      return slots.stream().anyMatch(r -> r[0] <= slot && slot <= r[1]);
    }

    /** The lowest slot this master serves, or -1. */
    public int firstSlot() {
      return slots.stream().mapToInt(r -> r[0]).min().orElse(-1);
    }
  }
}
