"""Le RNCP et le RS importés (export open data de France compétences) : import, lecture, rapports."""
