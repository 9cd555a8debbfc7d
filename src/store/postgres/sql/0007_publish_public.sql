-- Who may post to the public status page besides admins (store/records.hpp
-- User::publish_public): none, until an admin grants it.
ALTER TABLE users ADD COLUMN publish_public boolean NOT NULL DEFAULT false;
