"""Object storage: the STORAGES setting for an S3-compatible bucket (AWS, MinIO, Ceph).

Captures, exports and attachments are read and written through Django's default storage
only, so pointing it at a bucket moves all of them; web and workers on any machine then
see the same files. The audit chain's checkpoint file stays on local disk on purpose: it is
the copy kept outside the systems that hold the records.
"""


def s3_storages(
    *,
    bucket: str,
    endpoint_url: str = "",
    region: str = "",
    access_key: str = "",
    secret_key: str = "",
    prefix: str = "",
    encrypt: bool = True,
) -> dict:
    """STORAGES with the default storage in ``bucket`` (empty values: boto3's own lookup)."""
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint_url or None,
                "region_name": region or None,
                "access_key": access_key or None,
                "secret_key": secret_key or None,
                "location": prefix,
                # Records are private: no public ACL; the views stream files after their
                # access check and never hand out the bucket's URLs; a name is never
                # overwritten (a second capture with the same name gets its own).
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
                "object_parameters": {"ServerSideEncryption": "AES256"} if encrypt else {},
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
