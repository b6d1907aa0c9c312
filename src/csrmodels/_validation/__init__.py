"""
The rules kube-apiserver applies to certificates.k8s.io/v1 CSRs, split by concept.

`csrmodels.validation` is the public front; these modules are private.
"""
