# shellcheck shell=bash
# The process environment vemseg runs in. Sourced by ./vemseg, and by the tests and benchmarks that must start
# Java exactly as ./vemseg does (so what they measure is what users get). Values the user has set always win.
#
# 1. Native memory allocator. The network's tensors live outside the Java heap, in memory PyTorch takes from
#    malloc: blocks of 64 KB to 128 MB, allocated and freed thousands of times a second, from several threads.
#    glibc's malloc fragments under this load whenever large blocks come from its heap (bench/soak/RESULTS.md):
#    - tuned to keep freed memory (one arena, no mmap, 1 GiB trim threshold; this launcher's setting until
#      December 2026): the heap grew to 7.5 GB, 7.3 GB of it free but unusable, in 140 s of training while the
#      memory in use stayed at 0.1-0.3 GB; a 30-minute run was killed by the kernel at 24 GB;
#    - its plain defaults do the same, more slowly: the mmap threshold adapts upwards to 32 MB after the first
#      large free, and the heap held 2.9 GB of free memory after 344 iterations, 0.1-0.3 GB in use;
#    - a fixed 128 KiB mmap threshold (MALLOC_MMAP_THRESHOLD_) keeps it bounded, because every large block is
#      mapped and returned on its own, but each is then page-faulted and zeroed afresh: training 2-2.5x slower.
#    jemalloc (Debian/Ubuntu package libjemalloc2) is fast and flat, so it is preloaded when installed, with
#    oversize_threshold:0: by default jemalloc serves blocks over 8 MiB from an arena that returns them to the
#    kernel at once, so the largest activations were page-faulted afresh every iteration (13,200 faults and
#    110 ms of CPU per training iteration at one thread, against 900 faults and 97 ms with the option: as fast
#    as tcmalloc, which kept more memory resident). Otherwise glibc with the fixed threshold, and the commands
#    that train say once how to do better.
#    VEMSEG_ALLOCATOR=glibc keeps glibc even where jemalloc is installed; a non-empty LD_PRELOAD is left alone.
# 2. File names in UTF-8. Java decodes file names with the locale's character set (sun.jnu.encoding), so under
#    LANG=C (cron, containers, ssh without a locale) any non-ASCII path is rejected as "Malformed input".
#    C.UTF-8 is built into glibc since 2.35 and present on Debian and Ubuntu before that.

# The path of a shared library, or nothing: the loader's cache first, then the usual folders.
vemseg_find_library() {
  local name=$1 dir found=""
  if command -v ldconfig >/dev/null 2>&1 || [ -x /sbin/ldconfig ]; then
    found=$({ ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | awk -v n="$name" \
      '$1 == n && /x86-64|AArch64|aarch64|64bit/ { print $NF; exit }')
  fi
  if [ -z "$found" ]; then
    for dir in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib /usr/local/lib; do
      if [ -e "$dir/$name" ]; then found="$dir/$name"; break; fi
    done
  fi
  printf '%s' "$found"
}

vemseg_runtime_env() {
  if [ -z "${LD_PRELOAD:-}" ] && [ "${VEMSEG_ALLOCATOR:-auto}" != glibc ]; then
    local jemalloc
    jemalloc=$(vemseg_find_library libjemalloc.so.2)
    if [ -n "$jemalloc" ]; then
      export LD_PRELOAD="$jemalloc"
      export MALLOC_CONF="${MALLOC_CONF:-oversize_threshold:0}"
    fi
  fi
  if [ -z "${LD_PRELOAD:-}" ]; then
    export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}"
  fi
  local charmap
  charmap=$(locale charmap 2>/dev/null || echo unknown)
  if [ "$charmap" != "UTF-8" ]; then
    export LC_ALL=C.UTF-8
  fi
}
