"""Cluster a corpus with Spark MLlib, for topiclens to name the clusters.

  spark-submit cluster.py vectors VECTORS.parquet OUT_DIR [K]
      k-means over the vectors `topiclens spark-vectors` wrote: an `id` column and a
      `features` column that Spark reads as an ML Vector.
  spark-submit cluster.py text CORPUS.jsonl OUT_DIR [K]
      Tokenizer -> HashingTF -> IDF -> Normalizer -> KMeans over JSON lines (fields `text`
      or `abstract`, optional `title` and `id`), saved as a PipelineModel that topiclens can
      load and apply to new documents.

Both save OUT_DIR/model and OUT_DIR/assignments (id, prediction). Then:
  npx topiclens spark-topics CORPUS.jsonl --assignments OUT_DIR/assignments --out topics.html
"""
import sys

from pyspark.ml import Pipeline
from pyspark.ml.clustering import KMeans
from pyspark.ml.feature import IDF, HashingTF, Normalizer, Tokenizer
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

mode, source, out = sys.argv[1:4]
k = int(sys.argv[4]) if len(sys.argv) > 4 else 50
spark = SparkSession.builder.appName("topiclens-cluster").getOrCreate()
kmeans = KMeans(k=k, seed=1, maxIter=20, distanceMeasure="cosine", featuresCol="features")

if mode == "vectors":
    df = spark.read.parquet(source)
    model = kmeans.fit(df)
else:
    df = spark.read.json(source)
    if "id" not in df.columns:
        # topiclens knows a document without an id by its line number from 0.
        columns = df.columns
        df = df.rdd.zipWithIndex().map(lambda r: (*r[0], str(r[1]))).toDF(columns + ["id"])
    body = "text" if "text" in df.columns else "abstract"
    # The text topiclens hashes: "title. text" when there is a title.
    parts = [F.col("title"), F.col(body)] if "title" in df.columns else [F.col(body)]
    df = df.withColumn("doc", F.concat_ws(". ", *parts))
    stages = [
        Tokenizer(inputCol="doc", outputCol="words"),
        HashingTF(inputCol="words", outputCol="tf", numFeatures=1 << 18),
        IDF(inputCol="tf", outputCol="tfidf"),
        Normalizer(inputCol="tfidf", outputCol="features", p=2.0),
        kmeans,
    ]
    model = Pipeline(stages=stages).fit(df)

model.write().overwrite().save(f"{out}/model")
model.transform(df).select("id", "prediction").write.mode("overwrite").parquet(f"{out}/assignments")
spark.stop()
