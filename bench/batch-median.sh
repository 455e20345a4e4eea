# batch-median.sh - sourced by the batch benchmarks (review-batch.sh,
# table-batch.sh): median_ms FILE prints the median wall time, in
# milliseconds, of $runs runs of `$bin batch FILE` into $dir/out (stderr in
# $dir/stderr.log).
median_ms() {
    times=""
    for i in $(seq "$runs"); do
        rm -rf "$dir/out"
        t0=$(date +%s%N)
        "$bin" batch "$1" -o "$dir/out" > /dev/null 2> "$dir/stderr.log" || true
        t1=$(date +%s%N)
        times="$times $(( (t1 - t0) / 1000000 ))"
    done
    rm -rf "$dir/out"
    echo $times | tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR+1)/2)] }'
}
