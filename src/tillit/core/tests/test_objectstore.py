"""The S3 storage setting works against a real S3-compatible server (moto's) on 127.0.0.1."""

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer

from tillit.core.objectstore import s3_storages
from tillit.core.testing import free_port

BUCKET = "tillit-records"


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket_storage(s3_server, settings, monkeypatch):
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="eu-north-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106  (moto accepts any)
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
    )
    settings.STORAGES = s3_storages(
        bucket=BUCKET,
        endpoint_url=s3_server,
        region="eu-north-1",
        access_key="test",
        secret_key="test",  # noqa: S106
        prefix="tillit",
    )
    yield client
    for obj in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=obj["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_records_go_to_the_bucket_encrypted_and_come_back(bucket_storage):
    payload = b"WARC/1.1\r\n" * 1000
    name = default_storage.save("archive/2026/capture.warc.gz", ContentFile(payload))
    # A second file of the same name never overwrites the first (records are kept).
    second = default_storage.save("archive/2026/capture.warc.gz", ContentFile(b"other"))
    assert second != name

    head = bucket_storage.head_object(Bucket=BUCKET, Key=f"tillit/{name}")
    assert head["ServerSideEncryption"] == "AES256"
    assert head["ContentLength"] == len(payload)
    with default_storage.open(name, "rb") as fh:
        assert fh.read() == payload
    assert default_storage.size(name) == len(payload)
    default_storage.delete(second)
    assert not default_storage.exists(second)
    assert default_storage.exists(name)
