"""The peer of `npm run bench`: the rule-based Arabic analyzer mishtar (PyPI, 0.1) on the same
articles as marsad. mishtar finds named, place and temporal chunks; its named and temporal chunkers are
timed per article. Its place chunker (myplace.myPlace) cannot run in mishtar 0.1: on some
articles it raises "is_middle_tuple_tag() takes 3 positional arguments but 4 were given", so it is
left out when it fails on the seed or the first 100 articles (the table says so).

Usage: python bench_mishtar.py SEED.txt NEWS.json [MAX_SECONDS]
Prints one JSON object: per-article median and mean time, MB/s, articles/s, chunks found.
"""
import json
import statistics
import sys
import time

from mishtar import mynamed, myplace, mytemped


def main():
    seed_path, news_path = sys.argv[1], sys.argv[2]
    budget = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
    seed = open(seed_path, encoding="utf-8").read()
    news = json.load(open(news_path, encoding="utf-8"))
    chunkers = [mynamed.myNamed(), mytemped.myTemped()]
    try:
        for text in [seed] + news[:100]:
            myplace.myPlace().extract_chunks(text)
        place = "ran"
    except TypeError as e:
        place = f"fails in mishtar 0.1: {e}"
    else:
        chunkers.append(myplace.myPlace())

    def run(text):
        return sum(len(c.extract_chunks(text)) for c in chunkers)

    run(seed)  # warm-up: imports and tables
    seed_times = []
    for _ in range(20):
        t = time.perf_counter()
        run(seed)
        seed_times.append(time.perf_counter() - t)
    times, nbytes, chunks, failed, first_error = [], 0, 0, 0, None
    start = time.perf_counter()
    for text in news:
        t = time.perf_counter()
        try:
            chunks += run(text)
        except Exception as e:  # mishtar 0.1 raises on some articles (e.g. IndexError)
            failed += 1
            first_error = first_error or f"{type(e).__name__}: {e}"
        times.append(time.perf_counter() - t)
        nbytes += len(text.encode("utf-8"))
        if time.perf_counter() - start > budget:
            break
    total = sum(times)
    print(json.dumps({
        "seed_ms": statistics.median(seed_times) * 1e3,
        "seed_mb_per_s": len(seed.encode("utf-8")) / 1e6 / statistics.median(seed_times),
        "articles": len(times),
        "of_articles": len(news),
        "article_median_ms": statistics.median(times) * 1e3,
        "article_mean_ms": total / len(times) * 1e3,
        "mb_per_s": nbytes / 1e6 / total,
        "articles_per_s": len(times) / total,
        "chunks": chunks,
        "place_chunker": place,
        "failed": failed,
        "first_error": first_error,
    }))


if __name__ == "__main__":
    main()
