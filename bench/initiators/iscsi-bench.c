/*
 * iscsi-bench: what libiscsi's own tools do not measure, through libiscsi (a real iSCSI
 * initiator). Built at bench time against Debian's libiscsi-dev:
 *   cc -O2 -o iscsi-bench iscsi-bench.c -liscsi
 *
 *   iscsi-bench write URL XFER_BYTES IN_FLIGHT SECONDS [MAX_BYTES]
 *       sequential WRITE (16) of XFER_BYTES each from LBA 0, IN_FLIGHT outstanding, wrapping at
 *       the LU's end, for SECONDS or until MAX_BYTES are written
 *   iscsi-bench hostcopy URL SRC_LBA DST_LBA BLOCKS XFER_BYTES IN_FLIGHT
 *       the host copies BLOCKS blocks: READ (16) then WRITE (16) of each piece, same connection
 *   iscsi-bench cmds URL ITERATIONS SPLICE CMD...
 *       runs the CDBs CMD... in order, ITERATIONS times, over one connection. CMD is
 *       CDBHEX:out:HEX (data-out), CDBHEX:in:LENGTH (data-in) or CDBHEX:none. SPLICE is
 *       "FROM,AT,LEN" (or "-"): before each data-out command after a data-in command, LEN bytes
 *       at FROM of the last data-in are copied into its data-out at AT (the ROD token an RRTI
 *       returned, into the WRITE USING TOKEN list). Prints each iteration's time and the last
 *       data-in of the last iteration as hex, so the caller can decode it.
 * Each mode prints one JSON line: {"bytes":N,"ns":N,...}. Any status other than GOOD exits 2.
 */
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <iscsi/iscsi.h>
#include <iscsi/scsi-lowlevel.h>

static struct iscsi_context *iscsi;
static int lun, block_size, in_flight;
static uint64_t num_blocks, pos, bytes_done, deadline_ns, issue_left = UINT64_MAX;
static uint32_t xfer;
static unsigned char *wbuf;

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void die(const char *what, struct scsi_task *task) {
  if (task != NULL)
    fprintf(stderr, "%s: status %d sense %d/%04x: %s\n", what, task->status, task->sense.key, task->sense.ascq,
            iscsi_get_error(iscsi));
  else
    fprintf(stderr, "%s: %s\n", what, iscsi_get_error(iscsi));
  exit(2);
}

static void connect_url(const char *url) {
  iscsi = iscsi_create_context("iqn.2026-12.io.github.scsi-odx:iscsi-bench");
  struct iscsi_url *u = iscsi != NULL ? iscsi_parse_full_url(iscsi, url) : NULL;
  if (u == NULL) die("url", NULL);
  iscsi_set_session_type(iscsi, ISCSI_SESSION_NORMAL);
  iscsi_set_header_digest(iscsi, ISCSI_HEADER_DIGEST_NONE);
  if (iscsi_full_connect_sync(iscsi, u->portal, u->lun) != 0) die("login", NULL);
  lun = u->lun;
  iscsi_destroy_url(u);
  struct scsi_task *t = iscsi_readcapacity16_sync(iscsi, lun);
  if (t == NULL || t->status != SCSI_STATUS_GOOD) die("READ CAPACITY (16)", t);
  struct scsi_readcapacity16 *rc = scsi_datain_unmarshall(t);
  if (rc == NULL) die("READ CAPACITY (16) data", t);
  block_size = (int)rc->block_length;
  num_blocks = rc->returned_lba + 1;
  scsi_free_scsi_task(t);
}

static void wait_idle(void) {
  while (in_flight > 0) {
    struct pollfd p = {.fd = iscsi_get_fd(iscsi), .events = (short)iscsi_which_events(iscsi)};
    if (poll(&p, 1, 10000) <= 0) die("poll (10 s without progress)", NULL);
    if (iscsi_service(iscsi, p.revents) < 0) die("service", NULL);
  }
}

static void write_next(void);
static void write_done(struct iscsi_context *i, int status, void *data, void *priv) {
  (void)i, (void)priv;
  if (status != SCSI_STATUS_GOOD) die("WRITE (16)", data);
  scsi_free_scsi_task(data);
  in_flight--;
  bytes_done += xfer;
  if (now_ns() < deadline_ns) write_next();
}
static void write_next(void) {
  uint32_t blocks = xfer / (uint32_t)block_size;
  if (issue_left < xfer) return;
  issue_left -= xfer;
  if (pos + blocks > num_blocks) pos = 0;
  if (iscsi_write16_task(iscsi, lun, pos, wbuf, xfer, block_size, 0, 0, 0, 0, 0, write_done, NULL) == NULL)
    die("WRITE (16) task", NULL);
  pos += blocks;
  in_flight++;
}

struct piece {
  uint64_t src, dst;
  uint32_t len;
  struct scsi_task *read;
};
static uint64_t copy_src, copy_dst, copy_left;
static void copy_next(void);
static void copy_written(struct iscsi_context *i, int status, void *data, void *priv) {
  struct piece *p = priv;
  (void)i;
  if (status != SCSI_STATUS_GOOD) die("WRITE (16)", data);
  bytes_done += p->len;
  scsi_free_scsi_task(data);
  scsi_free_scsi_task(p->read);
  free(p);
  in_flight--;
  copy_next();
}
static void copy_read(struct iscsi_context *i, int status, void *data, void *priv) {
  struct piece *p = priv;
  struct scsi_task *t = data;
  (void)i;
  if (status != SCSI_STATUS_GOOD || t->datain.size != (int)p->len) die("READ (16)", t);
  p->read = t;
  if (iscsi_write16_task(iscsi, lun, p->dst, t->datain.data, p->len, block_size, 0, 0, 0, 0, 0, copy_written, p) ==
      NULL)
    die("WRITE (16) task", NULL);
}
static void copy_next(void) {
  if (copy_left == 0) return;
  struct piece *p = calloc(1, sizeof *p);
  uint64_t blocks = xfer / (uint32_t)block_size;
  if (blocks > copy_left) blocks = copy_left;
  *p = (struct piece){.src = copy_src, .dst = copy_dst, .len = (uint32_t)(blocks * (uint64_t)block_size)};
  copy_src += blocks, copy_dst += blocks, copy_left -= blocks;
  if (iscsi_read16_task(iscsi, lun, p->src, p->len, block_size, 0, 0, 0, 0, 0, copy_read, p) == NULL)
    die("READ (16) task", NULL);
  in_flight++;
}

static size_t unhex(const char *s, unsigned char *out, size_t max) {
  size_t n = 0;
  for (; s[0] != 0 && s[1] != 0 && s[0] != ':' && n < max; s += 2) {
    unsigned v;
    if (sscanf(s, "%2x", &v) != 1) break;
    out[n++] = (unsigned char)v;
  }
  return n;
}

static int run_cmds(int iterations, const char *splice, int n, char **cmds) {
  size_t from = 0, at = 0, len = 0;
  if (strcmp(splice, "-") != 0 && sscanf(splice, "%zu,%zu,%zu", &from, &at, &len) != 3) return 1;
  unsigned char cdb[16], *last_in = NULL, *out = malloc(1 << 20);
  size_t last_len = 0;
  uint64_t t0 = now_ns(), *each = calloc((size_t)iterations, sizeof *each);
  for (int it = 0; it < iterations; it++) {
    uint64_t t_it = now_ns();
    for (int c = 0; c < n; c++) {
      size_t cdb_len = unhex(cmds[c], cdb, sizeof cdb);
      const char *kind = strchr(cmds[c], ':');
      if (kind == NULL || cdb_len == 0) return 1;
      struct scsi_task *t;
      if (strncmp(kind, ":out:", 5) == 0) {
        size_t out_len = unhex(kind + 5, out, 1 << 20);
        if (len > 0 && last_in != NULL && from + len <= last_len && at + len <= out_len) memcpy(out + at, last_in + from, len);
        struct iscsi_data d = {.size = out_len, .data = out};
        t = scsi_create_task((int)cdb_len, cdb, SCSI_XFER_WRITE, (int)out_len);
        t = t == NULL ? NULL : iscsi_scsi_command_sync(iscsi, lun, t, &d);
      } else if (strncmp(kind, ":in:", 4) == 0) {
        t = scsi_create_task((int)cdb_len, cdb, SCSI_XFER_READ, atoi(kind + 4));
        t = t == NULL ? NULL : iscsi_scsi_command_sync(iscsi, lun, t, NULL);
      } else {
        t = scsi_create_task((int)cdb_len, cdb, SCSI_XFER_NONE, 0);
        t = t == NULL ? NULL : iscsi_scsi_command_sync(iscsi, lun, t, NULL);
      }
      if (t == NULL || t->status != SCSI_STATUS_GOOD) die(cmds[c], t);
      if (t->datain.size > 0) {
        free(last_in);
        last_len = (size_t)t->datain.size;
        last_in = malloc(last_len);
        memcpy(last_in, t->datain.data, last_len);
      }
      scsi_free_scsi_task(t);
    }
    each[it] = now_ns() - t_it;
  }
  uint64_t ns = now_ns() - t0;
  printf("{\"iterations\":%d,\"ns\":%llu,\"iterationNs\":[", iterations, (unsigned long long)ns);
  for (int it = 0; it < iterations; it++) printf("%s%llu", it == 0 ? "" : ",", (unsigned long long)each[it]);
  printf("],\"lastDataIn\":\"");
  for (size_t i = 0; i < last_len; i++) printf("%02x", last_in[i]);
  printf("\"}\n");
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: see the comment at the top of iscsi-bench.c\n");
    return 1;
  }
  connect_url(argv[2]);
  if (strcmp(argv[1], "write") == 0 && (argc == 6 || argc == 7)) {
    if (argc == 7) issue_left = strtoull(argv[6], NULL, 0);
    xfer = (uint32_t)atoi(argv[3]);
    int depth = atoi(argv[4]);
    wbuf = malloc(xfer);
    for (uint32_t i = 0; i < xfer; i++) wbuf[i] = (unsigned char)(i * 7 + 1);
    uint64_t t0 = now_ns();
    deadline_ns = t0 + (uint64_t)(atof(argv[5]) * 1e9);
    for (int i = 0; i < depth; i++) write_next();
    wait_idle();
    printf("{\"bytes\":%llu,\"ns\":%llu}\n", (unsigned long long)bytes_done, (unsigned long long)(now_ns() - t0));
  } else if (strcmp(argv[1], "hostcopy") == 0 && argc == 8) {
    copy_src = strtoull(argv[3], NULL, 0), copy_dst = strtoull(argv[4], NULL, 0);
    copy_left = strtoull(argv[5], NULL, 0);
    xfer = (uint32_t)atoi(argv[6]);
    int depth = atoi(argv[7]);
    uint64_t t0 = now_ns();
    for (int i = 0; i < depth; i++) copy_next();
    wait_idle();
    printf("{\"bytes\":%llu,\"ns\":%llu}\n", (unsigned long long)bytes_done, (unsigned long long)(now_ns() - t0));
  } else if (strcmp(argv[1], "cmds") == 0 && argc >= 6) {
    if (run_cmds(atoi(argv[3]), argv[4], argc - 5, argv + 5) != 0) {
      fprintf(stderr, "bad command list\n");
      return 1;
    }
  } else {
    fprintf(stderr, "usage: see the comment at the top of iscsi-bench.c\n");
    return 1;
  }
  iscsi_logout_sync(iscsi);
  iscsi_destroy_context(iscsi);
  return 0;
}
