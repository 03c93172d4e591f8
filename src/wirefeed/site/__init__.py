"""What gets published: the channels (site, sections, authors; channels.py), their feed
documents and RFC 5005 archive pages (feeds.py, feedpage.py, archive.py), and the plan of every
output as a job (plan.py), brought into an output folder by write.py. Pure planning from
entries; the keys of the jobs come from cache/keys.py.
"""

from wirefeed.site.archive import ArchiveLedger, ChannelArchive
from wirefeed.site.channels import Channel, channels_of
from wirefeed.site.feedpage import FeedPage

__all__ = ["ArchiveLedger", "Channel", "ChannelArchive", "FeedPage", "channels_of"]
